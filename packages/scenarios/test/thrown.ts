/** The Error that `run` throws; fails the test when it throws nothing (or throws a non-Error, rethrown). */
export function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected an error');
}
