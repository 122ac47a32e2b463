import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath, URL } from 'node:url'

// Built into target/classes/META-INF/resources: the console jar the gateway serves at /.
// `VITE_GATEWAY=http://127.0.0.1:8080 npx vite` runs it against a running gateway during development.
const gateway = process.env.VITE_GATEWAY ?? 'http://127.0.0.1:8080'
export default defineConfig({
  plugins: [vue()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: 'target/classes/META-INF/resources',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    reportCompressedSize: false,
  },
  server: {
    proxy: Object.fromEntries(['/api', '/session', '/oauth2', '/login', '/logout'].map((p) => [p, gateway])),
  },
  test: {
    environment: 'happy-dom',
    include: ['test/**/*.test.ts'],
    // mounting a whole Element Plus page takes 0.5 s here and over 5 s (Vitest's default limit) while other builds load the machine
    testTimeout: 30000,
  },
})
