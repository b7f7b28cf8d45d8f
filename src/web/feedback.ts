/**
 * What the counter hears and feels on every scan (issue 14 point 4): a short
 * beep (WebAudio oscillator: high and short when counted, low and longer when
 * refused) and a vibration (navigator.vibrate, a double buzz when refused).
 * Both are best effort: a browser without them, or that has not been touched
 * yet (autoplay rules), simply stays silent.
 */
export type ScanOutcome = 'counted' | 'refused' | 'queued';

export const VIBRATION: Record<ScanOutcome, number[]> = {
  counted: [60],
  refused: [200, 100, 200],
  queued: [30],
};

const TONE: Record<ScanOutcome, { hz: number; ms: number; type: OscillatorType }> = {
  counted: { hz: 1320, ms: 90, type: 'sine' },
  refused: { hz: 220, ms: 320, type: 'square' },
  queued: { hz: 880, ms: 60, type: 'sine' },
};

let audio: AudioContext | undefined;

function context(): AudioContext | undefined {
  if (audio) return audio;
  const Ctor = (window as unknown as { AudioContext?: typeof AudioContext; webkitAudioContext?: typeof AudioContext }).AudioContext ??
    (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return undefined;
  try {
    audio = new Ctor();
  } catch {
    return undefined;
  }
  return audio;
}

/** Beeps and vibrates for one scan's outcome. */
export function signalScan(outcome: ScanOutcome): void {
  try {
    navigator.vibrate?.(VIBRATION[outcome]);
  } catch {
    /* no vibration motor or not allowed */
  }
  const ctx = context();
  if (!ctx) return;
  try {
    if (ctx.state === 'suspended') void ctx.resume();
    const tone = TONE[outcome];
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = tone.type;
    osc.frequency.value = tone.hz;
    gain.gain.value = 0.15;
    osc.connect(gain).connect(ctx.destination);
    const end = ctx.currentTime + tone.ms / 1000;
    gain.gain.setTargetAtTime(0, end - 0.02, 0.01);
    osc.start();
    osc.stop(end);
  } catch {
    /* audio refused */
  }
}
