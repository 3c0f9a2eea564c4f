# noise-sweep in a container, for Kubernetes Indexed Jobs or any scheduler that runs images.
# Build: docker build -t noise-sweep .      Run: docker run --rm -v "$PWD/results:/app/results" noise-sweep configs/grid.yaml
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
# The fused engine's WebAssembly kernel (AssemblyScript), compiled by `npm run build` during `prepare`.
COPY asm ./asm
COPY configs ./configs
# npm ci runs `prepare`, which compiles the TypeScript; tfjs-node (optional) is skipped where it cannot install.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev
ENTRYPOINT ["node", "dist/src/bin.js"]
CMD ["configs/grid.yaml"]
