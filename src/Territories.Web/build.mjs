// Bundles the workspace into dist/: index.html, app.js (all TypeScript and Leaflet), app.css and Leaflet's images.
// Territories.Api.csproj runs this and copies dist/ to the service's output as wwwroot/.
// No CDN and no network at run time: everything the page needs is in these files.
import { build } from "esbuild";
import { copyFile, mkdir, rm } from "node:fs/promises";

const out = new URL("dist/", import.meta.url);
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  entryPoints: { app: "src/main.ts" },
  bundle: true,
  minify: true,
  sourcemap: true,
  format: "esm",
  target: "es2022",
  outdir: out.pathname,
  loader: { ".png": "file", ".svg": "file" },
  assetNames: "assets/[name]-[hash]",
  logLevel: "warning",
});
await copyFile(new URL("index.html", import.meta.url), new URL("index.html", out));
