// Fast standard-normal draws for gaussian_noise: Marsaglia & Tsang's 128-strip ziggurat, fed by
// a RandomStream (one 32-bit draw per value in ~99 % of cases), so noising an image stays cheap.
import type { RandomStream } from './random-stream.ts';

const STRIPS = 128;
/** Right edge of the base strip. */
const R = 3.442619855899;
/** Area of each strip. */
const AREA = 9.91256303526217e-3;
const M1 = 2147483648;
const KN = new Float64Array(STRIPS);
const WN = new Float64Array(STRIPS);
const FN = new Float64Array(STRIPS);
{
  let dn = R;
  let tn = dn;
  const q = AREA / Math.exp(-0.5 * dn * dn);
  KN[0] = (dn / q) * M1;
  KN[1] = 0;
  WN[0] = q / M1;
  WN[STRIPS - 1] = dn / M1;
  FN[0] = 1;
  FN[STRIPS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = STRIPS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(AREA / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = (dn / tn) * M1;
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / M1;
  }
}

function positiveUniform(stream: RandomStream): number {
  let u = stream.nextFloat();
  while (u <= 0) u = stream.nextFloat();
  return u;
}

/** The slow path: the base strip's tail or a rejection test at a strip's edge. */
function slowPath(stream: RandomStream, first: number): number {
  let hz = first;
  let iz = hz & (STRIPS - 1);
  for (;;) {
    const x = hz * (WN[iz] ?? 0);
    if (iz === 0) {
      let tx = 0;
      let ty = 0;
      do {
        tx = -Math.log(positiveUniform(stream)) / R;
        ty = -Math.log(positiveUniform(stream));
      } while (ty + ty < tx * tx);
      return hz > 0 ? R + tx : -R - tx;
    }
    if ((FN[iz] ?? 0) + stream.nextFloat() * ((FN[iz - 1] ?? 0) - (FN[iz] ?? 0)) < Math.exp(-0.5 * x * x)) return x;
    hz = stream.nextInt32();
    iz = hz & (STRIPS - 1);
    if (Math.abs(hz) < (KN[iz] ?? 0)) return hz * (WN[iz] ?? 0);
  }
}

/** One standard normal draw. */
export function normalZiggurat(stream: RandomStream): number {
  const hz = stream.nextInt32();
  const iz = hz & (STRIPS - 1);
  return Math.abs(hz) < (KN[iz] ?? 0) ? hz * (WN[iz] ?? 0) : slowPath(stream, hz);
}
