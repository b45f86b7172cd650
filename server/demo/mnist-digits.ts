// Real handwritten digits from the `mnist` package (about 10,000 28×28 grayscale images shipped
// with it), taken in a fixed round-robin order over the ten digits so every build is identical.
import { createRequire } from 'node:module';

/** Side of an MNIST image in pixels. */
export const MNIST_SIDE = 28;
/** Class names of the demo project, in digit order. */
export const DIGIT_CLASSES: readonly string[] = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

interface MnistDigit {
  readonly length: number;
  get(index: number): number[];
}

/** One digit image: its class (0-9) and 784 pixel values in [0, 1], row-major. */
export interface DigitSample {
  readonly digit: number;
  readonly pixels: readonly number[];
}

function loadMnist(): MnistDigit[] {
  const mnist = createRequire(import.meta.url)('mnist') as Record<number, MnistDigit>;
  return Array.from({ length: 10 }, (_, d) => mnist[d] as MnistDigit);
}

/** Number of digit images the package provides. */
export function availableDigits(): number {
  return loadMnist().reduce((sum, digit) => sum + digit.length, 0);
}

/**
 * The first `count` digits in round-robin order (0, 1, …, 9, 0, 1, …; a digit that runs out is
 * skipped). Throws when the package has fewer than `count` images.
 */
export function loadDigits(count: number): DigitSample[] {
  const digits = loadMnist();
  const total = digits.reduce((sum, digit) => sum + digit.length, 0);
  if (!Number.isInteger(count) || count < 1 || count > total) {
    throw new RangeError(`the demo can hold 1 to ${total} digits, not ${count}`);
  }
  const samples: DigitSample[] = [];
  for (let index = 0; samples.length < count; index++) {
    for (let d = 0; d < 10 && samples.length < count; d++) {
      const digit = digits[d] as MnistDigit;
      if (index < digit.length) samples.push({ digit: d, pixels: digit.get(index) });
    }
  }
  return samples;
}
