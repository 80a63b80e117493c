import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The app lives in web/; the data bundle built by `npm run geodata` is served as static files.
export default defineConfig({
  root: here('./web'),
  publicDir: here('./geodata/dist'),
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
  worker: { format: 'es' },
  build: { outDir: here('./dist'), emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1500 },
});
