export { Rng } from './random/rng.js';
