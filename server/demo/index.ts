// Public API of the demo data builder: a real MNIST project for trying patchwork and for tests.
export { buildDemoProject, DEFAULT_DEMO_COUNT, DEMO_DATA_DIR, type DemoOptions, type DemoProject } from './build-demo.ts';
export { loadDigits, availableDigits, DIGIT_CLASSES, MNIST_SIDE, type DigitSample } from './mnist-digits.ts';
