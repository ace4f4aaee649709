/**
 * Counting the lines of a shard before it is scanned, so the shards after it know their first line number.
 * Lines end as in `stream/line-cutter.ts`: `\n`, `\r\n` and a lone `\r` each end one line.
 *
 * Every byte of a sharded file is counted once, so the count must cost little beside the scan: {@link ShardBuffer}
 * holds a shard in WebAssembly memory and counts `\n` bytes 16 at a time (about 20 GB/s, where a `Buffer.indexOf`
 * per line manages 2 to 5).
 */
import { instantiateWasm, lazyWasmModule, type WasmMemory } from '../scan/wasm-module.js';

const LF = 0x0a;
const CR = 0x0d;

/** Counts line terminators over chunks given in order. Pure and synchronous. */
export class LineCounter {
  /** Terminators seen so far (a `\r` at the end of the last chunk is counted by {@link LineCounter.end}). */
  count = 0;
  private pendingCr = false;

  /** Takes the next chunk. */
  push(chunk: Uint8Array): void {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (buf.length === 0) return;
    let start = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      // "\r" then "\n" across the chunk boundary: one terminator, counted here as the "\n".
      this.count += 1;
      if (buf[0] === LF) start = 1;
    }
    let pos = buf.indexOf(LF, start);
    while (pos !== -1) {
      this.count += 1;
      pos = buf.indexOf(LF, pos + 1);
    }
    // Lone "\r"s: most files have none, or only "\r\n"s, which the "\n" count already holds.
    let cr = buf.indexOf(CR, start);
    while (cr !== -1) {
      if (cr === buf.length - 1) {
        this.pendingCr = true;
        break;
      }
      if (buf[cr + 1] !== LF) this.count += 1;
      cr = buf.indexOf(CR, cr + 1);
    }
  }

  /** Ends the input: a `\r` at the very end is a terminator. Returns the count. */
  end(): number {
    if (this.pendingCr) {
      this.pendingCr = false;
      this.count += 1;
    }
    return this.count;
  }
}

/**
 * The counting function, hand-assembled: `count(ptr, len, byte)` returns how many of the `len` bytes at `ptr` in the
 * module's memory equal `byte`. Blocks of 16 bytes are compared at once (`i8x16.eq` gives -1 per equal lane, which
 * `i8x16.sub` adds to per-lane counters); the counters are summed every 255 blocks, before a lane can overflow; the
 * bytes after the last whole block are compared one by one. Locals: 0 ptr, 1 len, 2 byte, 3 end, 4 end of the whole
 * blocks, 5 end of the current run of 255 blocks, 6 total, 7 counters (v128), 8 the byte in every lane (v128).
 */
const COUNT_BODY = [
  ...[0x02, 0x04, 0x7f, 0x02, 0x7b], // locals: 4 x i32, 2 x v128
  ...[0x20, 0x02, 0xfd, 0x0f, 0x21, 0x08], // needle = i8x16.splat(byte)
  ...[0x20, 0x00, 0x20, 0x01, 0x6a, 0x21, 0x03], // end = ptr + len
  ...[0x20, 0x00, 0x20, 0x01, 0x41, 0x70, 0x71, 0x6a, 0x21, 0x04], // blocksEnd = ptr + (len & -16)
  ...[0x02, 0x40, 0x03, 0x40], // block, loop (runs of 255 blocks)
  ...[0x20, 0x00, 0x20, 0x04, 0x4f, 0x0d, 0x01], // if ptr >= blocksEnd: break
  ...[0x20, 0x00, 0x41, 0xf0, 0x1f, 0x6a, 0x22, 0x05, 0x20, 0x04, 0x20, 0x05, 0x20, 0x04, 0x49, 0x1b, 0x21, 0x05], // runEnd = min(ptr + 4080, blocksEnd)
  ...[0xfd, 0x0c, ...new Array<number>(16).fill(0), 0x21, 0x07], // counters = 0
  ...[0x03, 0x40], // loop (blocks)
  ...[0x20, 0x07, 0x20, 0x00, 0xfd, 0x00, 0x00, 0x00, 0x20, 0x08, 0xfd, 0x23, 0xfd, 0x71, 0x21, 0x07], // counters -= (v128.load(ptr) == needle)
  ...[0x20, 0x00, 0x41, 0x10, 0x6a, 0x22, 0x00, 0x20, 0x05, 0x49, 0x0d, 0x00], // ptr += 16; if ptr < runEnd: continue
  0x0b, // end loop
  ...[0x20, 0x07, 0xfd, 0x7d, 0xfd, 0x7f, 0x21, 0x07], // counters: 16 x u8 -> 8 x u16 -> 4 x u32 (pairwise sums)
  0x20, 0x06, // total += the four lanes
  ...[0x20, 0x07, 0xfd, 0x1b, 0x00, 0x6a, 0x20, 0x07, 0xfd, 0x1b, 0x01, 0x6a, 0x20, 0x07, 0xfd, 0x1b, 0x02, 0x6a, 0x20, 0x07, 0xfd, 0x1b, 0x03, 0x6a],
  ...[0x21, 0x06],
  ...[0x0c, 0x00], // continue
  ...[0x0b, 0x0b], // end loop, end block
  ...[0x02, 0x40, 0x03, 0x40], // block, loop (the bytes after the last whole block)
  ...[0x20, 0x00, 0x20, 0x03, 0x4f, 0x0d, 0x01], // if ptr >= end: break
  ...[0x20, 0x06, 0x20, 0x00, 0x2d, 0x00, 0x00, 0x20, 0x02, 0x46, 0x6a, 0x21, 0x06], // total += load8_u(ptr) == byte
  ...[0x20, 0x00, 0x41, 0x01, 0x6a, 0x21, 0x00], // ptr += 1
  ...[0x0c, 0x00], // continue
  ...[0x0b, 0x0b], // end loop, end block
  ...[0x20, 0x06, 0x0b], // return total
];

function leb128(n: number): number[] {
  const out: number[] = [];
  let rest = n;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    out.push(byte);
  } while (rest !== 0);
  return out;
}

function section(id: number, bytes: readonly number[]): number[] {
  return [id, ...leb128(bytes.length), ...bytes];
}

function wasmName(name: string): number[] {
  return [name.length, ...Buffer.from(name, 'latin1')];
}

/** The module: one memory (exported as "memory", one page to start), one function (exported as "count"). */
const COUNT_MODULE = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
  ...section(1, [0x01, 0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x01, 0x7f]), // type: (i32, i32, i32) -> i32
  ...section(3, [0x01, 0x00]), // function 0 has type 0
  ...section(5, [0x01, 0x00, 0x01]), // memory: min 1 page, no max
  ...section(7, [0x02, ...wasmName('memory'), 0x02, 0x00, ...wasmName('count'), 0x00, 0x00]),
  ...section(10, [0x01, ...leb128(COUNT_BODY.length), ...COUNT_BODY]),
]);

const WASM_PAGE = 65536;

interface CountModule {
  readonly memory: WasmMemory;
  readonly count: (ptr: number, len: number, byte: number) => number;
}

/** The compiled module, or null where WebAssembly SIMD is missing (then counting falls back to {@link LineCounter}). */
const countModule = lazyWasmModule(() => COUNT_MODULE);

/**
 * Memory for one shard at a time and the count of its lines. Reading a shard into {@link ShardBuffer.bytes} and
 * counting it there costs no copy; the scanner is then fed slices of the same bytes. Each thread keeps one.
 */
export class ShardBuffer {
  private readonly wasm: CountModule | undefined;
  private plain: Buffer | undefined;
  private view: Buffer | undefined;

  /** @param simd - false forces the plain path (tests compare both). Default: WebAssembly SIMD when available. */
  constructor(simd = true) {
    const module = simd ? countModule() : null;
    if (module !== null) {
      const exports = instantiateWasm<CountModule>(module);
      this.wasm = { memory: exports.memory, count: exports.count };
    }
  }

  /**
   * Bytes [0, length) of the buffer, to read a shard into. A call may replace the memory: the bytes of an earlier
   * call must no longer be in use (a thread scans one shard at a time).
   */
  bytes(length: number): Buffer {
    const wasm = this.wasm;
    if (wasm === undefined) {
      if (this.plain === undefined || this.plain.length < length) this.plain = Buffer.allocUnsafeSlow(length);
      this.view = this.plain.subarray(0, length);
      return this.view;
    }
    const have = wasm.memory.buffer.byteLength;
    if (have < length) wasm.memory.grow(Math.ceil((length - have) / WASM_PAGE));
    this.view = Buffer.from(wasm.memory.buffer, 0, length);
    return this.view;
  }

  /**
   * The line terminators among the first `length` bytes of the last {@link ShardBuffer.bytes}. A `\r` at the end
   * counts as one (a shard ends at a line start).
   */
  countLines(length: number): number {
    const view = this.view;
    if (view === undefined || length <= 0) return 0;
    const wasm = this.wasm;
    // A file with `\r` in it needs the exact rule (`\r\n` is one terminator); most have none.
    if (wasm !== undefined && wasm.count(0, length, CR) === 0) return wasm.count(0, length, LF);
    const counter = new LineCounter();
    counter.push(view.subarray(0, length));
    return counter.end();
  }
}
