/**
 * A module's async functions, loaded at their first call: the CLI's command tables name the
 * services they call without importing them (and the database driver, pdfkit…) at start-up.
 *
 *   const { listItems } = lazy(() => import('../masterdata/items.ts'));
 */
type Lazy<M> = {
  [K in keyof M as M[K] extends (...args: never[]) => unknown ? K : never]: M[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

export function lazy<M extends object>(load: () => Promise<M>): Lazy<M> {
  let loaded: Promise<M> | undefined;
  return new Proxy({} as Lazy<M>, {
    get: (_target, name) => async (...args: unknown[]) => {
      const mod = (await (loaded ??= load())) as Record<string | symbol, (...a: unknown[]) => unknown>;
      return mod[name](...args);
    },
  });
}
