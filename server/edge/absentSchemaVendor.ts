/**
 * Stands in, in the Worker's bundle, for the schema libraries other than valibot that
 * hono-openapi's converters can load (wrangler.toml `[alias]`). They are imported only for a
 * schema of that library, and the wallet's schemas are all valibot, so this module is never
 * evaluated; it exists because workerd resolves every import of a bundle when it loads it.
 */
throw new Error('hono-openapi asked for a schema library the wallet does not use');
