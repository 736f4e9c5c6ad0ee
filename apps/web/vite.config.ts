import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web application, built to dist/ and served by the server at / (apps/server/src/web-app.ts).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
});
