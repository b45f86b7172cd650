// The Convnet layer-spec grammar ("128,p,d,128"): comma-separated tokens, whitespace-stripped;
// an integer is a conv with that many filters, `p` a 2×2 max-pool, `d` spatial dropout, `r` a
// residual block. Anything else, including an empty token, is an error.

/** One parsed token of a Convnet spec. */
export type ConvnetToken =
  | { kind: 'conv'; filters: number }
  | { kind: 'pool' }
  | { kind: 'dropout' }
  | { kind: 'residual' };

/** Thrown for a spec that does not parse; names the token and its position. */
export class ConvnetSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConvnetSpecError';
  }
}

/** Parses a spec string; throws ConvnetSpecError on an empty or unknown token. */
export function parseConvnetSpec(spec: string): ConvnetToken[] {
  return spec.split(',').map((raw, i) => {
    const token = raw.trim();
    if (token === '') throw new ConvnetSpecError(`Convnet layer ${i + 1} is empty in "${spec}"`);
    if (token === 'p') return { kind: 'pool' };
    if (token === 'd') return { kind: 'dropout' };
    if (token === 'r') return { kind: 'residual' };
    if (/^[0-9]+$/.test(token)) {
      const filters = Number(token);
      if (filters < 1) throw new ConvnetSpecError(`Convnet layer ${i + 1} has ${filters} filters; it needs at least 1`);
      return { kind: 'conv', filters };
    }
    throw new ConvnetSpecError(`Convnet layer ${i + 1} "${token}" is not an integer, p, d or r`);
  });
}

/** Shape bookkeeping of a parsed spec over an (h, w, c) input. */
export interface ConvnetShape {
  height: number;
  width: number;
  channels: number;
}

/**
 * Output map shape after the spec: convs set the channel count, `p` floors h and w by 2
 * ("valid"), `d` and `r` keep everything. Throws when a pool would reach size 0.
 */
export function convnetOutputShape(tokens: readonly ConvnetToken[], input: ConvnetShape): ConvnetShape {
  let { height, width, channels } = input;
  for (const t of tokens) {
    if (t.kind === 'conv') channels = t.filters;
    else if (t.kind === 'pool') {
      height = Math.floor(height / 2);
      width = Math.floor(width / 2);
      if (height < 1 || width < 1) throw new ConvnetSpecError(`Convnet pooling shrinks the ${input.height}×${input.width} map to nothing`);
    }
  }
  return { height, width, channels };
}
