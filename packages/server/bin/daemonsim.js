#!/usr/bin/env node
// The installed `daemonsim` command. A committed file rather than dist/cli/main.js itself, so
// that pnpm can link the bin on a fresh install before anything is built.
import '../dist/cli/main.js';
