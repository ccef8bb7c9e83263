/**
 * A zod schema that is built the first time it is used. Content scripts run in every tab,
 * and building their dozen schemas (about eighty zod objects) at start-up was half of the
 * script's own evaluation task; built on first use, that work moves to the first storage
 * read, in a task of its own. The proxy stands for the schema in every way zod and callers
 * use it: methods, `.shape`, nesting inside other schemas, `instanceof`.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let schema: T | undefined;
  const real = (): T => (schema ??= build());
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(real(), key),
    has: (_target, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      // the empty target has no such property: a proxy may not report it as fixed
      if (descriptor) descriptor.configurable = true;
      return descriptor;
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}
