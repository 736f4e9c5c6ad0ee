/** ArrayBuffer.prototype.transfer (ES2024, Node ≥ 21), absent from the es2023 library types. */
type Transferable = ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };

/**
 * Frees a large array's memory now, by detaching its buffer (it reads as empty afterwards), instead of at the
 * thread's next garbage collection, which V8 starts only after some 64 MB of such external memory has piled
 * up: for study-sized scratch copies that nothing else refers to. Only a view spanning its whole, unshared
 * buffer is released (a Buffer from Node's small pool or a view on shared memory is left alone); on a Node
 * without `transfer` nothing is done.
 */
export function releaseBuffer(view: ArrayBufferView): void {
  const buffer: Transferable | SharedArrayBuffer = view.buffer;
  if (buffer instanceof ArrayBuffer && buffer.byteLength > 0 && view.byteLength === buffer.byteLength) {
    buffer.transfer?.(0);
  }
}
