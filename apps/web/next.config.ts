import type { NextConfig } from 'next';

interface WebpackConfig {
  module: { rules: object[] };
}

const config: NextConfig = {
  // The workspace packages export TypeScript source; Next compiles them with the app.
  transpilePackages: ['@proxy/api', '@proxy/core', '@proxy/db'],
  // Native bindings, WASM and connection pools load from node_modules at run time, unbundled.
  serverExternalPackages: [
    '@electric-sql/pglite',
    'pg-boss',
    'pg',
    '@node-rs/argon2',
    'rate-limiter-flexible',
    'postgres',
    'web-push',
    // One zod instance on the server, loaded by Node, shared by trpc-to-openapi (which inspects
    // the schemas to type query strings and to write the OpenAPI document) and the procedures.
    'zod',
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  // Biome is the linter (run from the repository root); typecheck runs as its own task.
  eslint: { ignoreDuringBuilds: true },
  webpack(config: WebpackConfig) {
    // @proxy/db finds its committed migrations with `new URL('../drizzle', import.meta.url)`.
    // Webpack would treat that as an asset to bundle (a folder: it cannot); keep it a plain URL,
    // which webpack resolves to the source file's location in this checkout.
    config.module.rules.push({
      test: /[\\/]packages[\\/]db[\\/]src[\\/]migrate\.ts$/,
      parser: { url: false },
    });
    return config;
  },
};

export default config;
