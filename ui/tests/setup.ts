// Shared set-up of the UI tests. `vi.waitFor` gives up after one second by default; on a
// loaded two-core machine (CI builds beside the tests) a message box can take longer than
// that to appear, and a test then fails by chance. Waiting longer only matters when the
// test would fail anyway: a condition that holds returns at once.
import { vi } from "vitest";

const waitFor = vi.waitFor;
vi.waitFor = ((callback: Parameters<typeof waitFor>[0], options?: Parameters<typeof waitFor>[1]) =>
  waitFor(callback, typeof options === "number" ? options : { timeout: 10_000, interval: 20, ...options })) as typeof vi.waitFor;
