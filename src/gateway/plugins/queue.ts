import { s } from "../../core/schema";

/**
 * Kong 3.3+'s plugin queue (`config.queue` of http-log and the other batching loggers): entries are
 * buffered per worker, sent in batches, and retried with exponential backoff until max_retry_time.
 * An entry is dropped when the queue is full (max_entries / max_bytes) or retries run out.
 */
export const queueSchema = s.object({
  max_batch_size: s.optional(s.integer([1, 1000000]).describe("entries per request"), 1),
  max_coalescing_delay: s.optional(s.number([0, 3600]).describe("seconds to wait for a batch to fill"), 1),
  max_entries: s.optional(s.integer([1, 1000000]).describe("entries buffered per worker before new ones are dropped"), 10000),
  max_bytes: s.optional(s.integer([1, 2147483647]).describe("bytes buffered per worker (string entries only)")),
  max_retry_time: s.optional(s.number().describe("seconds a batch is retried before it is dropped (Kong sets no bound)"), 60),
  initial_retry_delay: s.optional(s.number([0.001, 1000000]), 0.01),
  max_retry_delay: s.optional(s.number([0.001, 1000000]), 60),
  concurrency_limit: s.optional(s.enum([-1, 1]).describe("1: one request at a time, in order; -1: unlimited"), 1),
});

/** Lua code per added log field: `{ "site": "return 'east'" }`. */
export const customFieldsByLua = () =>
  s.map(s.string({ minLength: 1 }), { regex: /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, means: "a log field name (letters, digits, '_', '-', dots for nesting)" });
