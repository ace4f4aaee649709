/**
 * Loading the project's WebAssembly modules (the literal search, the `--jobs` line counter): compiled once per
 * thread on first use, or null where WebAssembly or its SIMD instructions are missing, so that callers can fall back.
 */

/** The little of the WebAssembly API used here (the project's `lib` has no WebAssembly types). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: unknown };
}

/** A compiled module, as {@link lazyWasmModule} returns it and {@link instantiateWasm} takes it. */
export interface WasmModule {
  readonly compiled: object;
}

function wasmApi(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
}

/**
 * A getter of the module `bytes()` holds, compiled on the first call and kept: null when this runtime cannot run it
 * (no WebAssembly, or `validate` rejects it, as it does SIMD instructions an engine lacks).
 */
export function lazyWasmModule(bytes: () => Uint8Array): () => WasmModule | null {
  let module: WasmModule | null | undefined;
  return () => {
    if (module === undefined) {
      const api = wasmApi();
      try {
        const code = bytes();
        module = api !== undefined && api.validate(code) ? { compiled: new api.Module(code) } : null;
      } catch {
        module = null;
      }
    }
    return module;
  };
}

/** The exports of a new instance of `module` (each instance has its own memory), typed by the caller. */
export function instantiateWasm<Exports>(module: WasmModule): Exports {
  const api = wasmApi() as WasmApi;
  return new api.Instance(module.compiled).exports as Exports;
}
