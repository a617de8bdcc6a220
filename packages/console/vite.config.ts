import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `npm run dev` sends API calls: a running `consumo serve`. */
const server = process.env.CONSUMO_CONSOLE_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    // ECharts (core, two charts, canvas) is one lazy chunk of about 600 kB (200 kB gzipped).
    chunkSizeWarningLimit: 700,
  },
  server: {
    // Everything outside /console/ goes to the server. The Host header is kept, so for the browser
    // and for the server's Origin check the console and the API share one origin, as when served.
    proxy: { '^/(?!console(/|$))': { target: server, changeOrigin: false } },
  },
});
