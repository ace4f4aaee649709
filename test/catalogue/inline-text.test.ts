import { renderInline } from '../../src/catalogue/inline-text.js';

describe('renderInline', () => {
  test('drops link and image targets but keeps their text', () => {
    expect(renderInline('See [the guide](../a.md#x) and ![pic](p.png "t").')).toBe('See the guide and pic.');
  });

  test('unwraps bold, autolinks, escapes, <br> and entities, and collapses white space', () => {
    expect(renderInline('Call **close()**  to\\_free <br/> it &lt;now&gt; <https://x.example/a>')).toBe(
      'Call close() to_free it <now> https://x.example/a',
    );
  });

  test('keeps inline code as written unless asked to drop the backticks', () => {
    expect(renderInline('Run `a **b** [c](d)` now')).toBe('Run `a **b** [c](d)` now');
    expect(renderInline('The `${messageInfo}` is not supported.', { keepCodeTicks: false })).toBe(
      'The ${messageInfo} is not supported.',
    );
  });

  test('drops formatting tags such as heading anchors but keeps other angle-bracket text', () => {
    expect(renderInline('201 Permission Denied<a name="201"></a>')).toBe('201 Permission Denied');
    expect(renderInline('Invalid <bundleName> in <span class="x">H<sub>2</sub>O</span>')).toBe('Invalid <bundleName> in H2O');
  });

  test('leaves a lone asterisk or bracket alone', () => {
    expect(renderInline('5 * 3 * 4 [not a link] x')).toBe('5 * 3 * 4 [not a link] x');
  });

  test('removes italics, also inside a word and inside bold, but not escaped asterisks', () => {
    expect(renderInline('Call **OH_Is*XXX*Supported** or *that*.')).toBe('Call OH_IsXXXSupported or that.');
    expect(renderInline('\\*not italic\\* and \\[x](y)')).toBe('*not italic* and [x](y)');
  });
});
