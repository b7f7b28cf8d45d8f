/**
 * Camera scanning with the Barcode Detection API: the browser's own when it
 * has one, else the barcode-detector polyfill (ZXing in WebAssembly). The
 * .wasm file is bundled and served by our server (no CDN), so scanning works
 * on a warehouse network without internet. A photo can be scanned too (phones
 * that refuse camera access to the page).
 */
import { useEffect, useRef, useState } from 'react';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { useI18n } from '../i18n.tsx';

interface Detected {
  rawValue: string;
  format: string;
}
interface Detector {
  detect(source: ImageBitmapSource): Promise<Detected[]>;
}

const FORMATS = ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_128', 'code_39', 'itf', 'data_matrix', 'qr_code', 'databar', 'databar_expanded'];

let detectorPromise: Promise<Detector> | undefined;

/** The detector, created once: native when it reads our formats, else the polyfill with our own wasm. */
export function getDetector(): Promise<Detector> {
  detectorPromise ??= (async () => {
    const native = (globalThis as { BarcodeDetector?: { new (o: { formats: string[] }): Detector; getSupportedFormats(): Promise<string[]> } }).BarcodeDetector;
    if (native) {
      try {
        const supported = await native.getSupportedFormats();
        const formats = FORMATS.filter((f) => supported.includes(f));
        if (formats.includes('ean_13')) return new native({ formats });
      } catch {
        /* fall back to the polyfill */
      }
    }
    const { BarcodeDetector, prepareZXingModule } = await import('barcode-detector/ponyfill');
    prepareZXingModule({
      overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(wasmUrl, window.location.href).href : prefix + path) },
    });
    return new BarcodeDetector({ formats: FORMATS as never[] }) as unknown as Detector;
  })();
  return detectorPromise;
}

/** GS1 symbols come with a symbology identifier or FNC1 characters: keep them as they are for the server. */
export async function detectInImage(file: Blob): Promise<string | undefined> {
  const detector = await getDetector();
  const bitmap = await createImageBitmap(file);
  try {
    const found = await detector.detect(bitmap);
    return found[0]?.rawValue;
  } finally {
    bitmap.close();
  }
}

export function CameraScanner({ onCode, onClose }: { onCode: (code: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<'starting' | 'scanning' | 'error'>('starting');
  const [message, setMessage] = useState('');
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => {
    let stream: MediaStream | undefined;
    let stopped = false;
    let last = '';
    let lastAt = 0;
    (async () => {
      try {
        const detector = await getDetector();
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        setStatus('scanning');
        const tick = async () => {
          if (stopped || !video.current) return;
          try {
            if (video.current.readyState >= 2) {
              const found = await detector.detect(video.current);
              const code = found[0]?.rawValue;
              // the same code stays in view for a while: one count per 2 seconds
              if (code && (code !== last || Date.now() - lastAt > 2000)) {
                last = code;
                lastAt = Date.now();
                navigator.vibrate?.(60);
                onCodeRef.current(code);
              }
            }
          } catch {
            /* a frame that cannot be read */
          }
          setTimeout(() => void tick(), 150);
        };
        void tick();
      } catch (e) {
        setStatus('error');
        setMessage(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      stopped = true;
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, []);

  return (
    <div className="camera" role="region" aria-label={t('count.camera')}>
      <video ref={video} muted playsInline aria-hidden="true" />
      <div className="camera-aim" aria-hidden="true" />
      <p className="camera-status" role="status">
        {status === 'starting' ? t('count.cameraStarting') : status === 'scanning' ? t('count.cameraAim') : `${t('count.cameraError')} ${message}`}
      </p>
      <button type="button" className="btn" onClick={onClose}>
        {t('count.cameraClose')}
      </button>
    </div>
  );
}
