/**
 * Request coalescing for hot public reads: callers asking for the same key before the read has
 * started share one database read. The read starts on the next turn of the event loop, after every
 * request that arrived in this turn has joined, so each answer still comes from a read that began
 * after its request arrived (nothing is served from a cache).
 */
export class ReadCoalescer<T> {
  private readonly waiting = new Map<string, Promise<T>>();

  /** The result of `load` for `key`, shared with the other callers of this turn. */
  read(key: string, load: () => Promise<T>): Promise<T> {
    const pending = this.waiting.get(key);
    if (pending) return pending;
    const promise = new Promise<T>((resolve, reject) => {
      setImmediate(() => {
        this.waiting.delete(key);
        load().then(resolve, reject);
      });
    });
    this.waiting.set(key, promise);
    return promise;
  }
}
