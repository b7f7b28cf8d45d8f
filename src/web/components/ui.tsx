/** Form fields, buttons, messages and dialogs shared by the screens. */
import { useEffect, useId, useRef, type Ref, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { ApiError, NetworkError, type FieldProblem } from '../api.ts';
import { fieldLabel, fieldNameOf, fieldTitle } from '../../core/field-labels.ts';
import { useI18n, type Lang, type Translate } from '../i18n.tsx';
import type { Action } from '../hooks.ts';
import { Icon } from './Icon.tsx';

/** Field problems of an ApiError keyed by JSON pointer ("/lines/0/lot"); the rest go to the summary. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError) for (const p of error.errors) if (p.path && p.path !== '/') out[p.path] = out[p.path] ? `${out[p.path]}; ${p.message}` : p.message;
  return out;
}

export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof NetworkError) return t('error.network');
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The summary of an error: the detail in the user's words, and the field
 * problems that no field shows, each named by its field (core/field-labels.ts).
 * Internal codes and field pointers are kept behind a "Detalii / Details" toggle.
 */
export function ErrorBox({ error, shown = [], onClose }: { error: unknown; shown?: string[]; onClose?: () => void }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  const problems = error instanceof ApiError ? error.errors : [];
  const rest = problems.filter((p) => !shown.includes(p.path));
  return (
    <div className="alert alert-error" role="alert">
      <div className="alert-body">
        <strong>{errorText(error, t)}</strong>
        {rest.length > 0 && (
          <ul>
            {rest.map((p, i) => (
              <li key={i}>{problemText(p, lang)}</li>
            ))}
          </ul>
        )}
        {error instanceof ApiError && (
          <details className="error-details" data-testid="error-details">
            <summary>{t('error.details')}</summary>
            <dl>
              <dt>{t('error.code')}</dt>
              <dd>
                <code data-testid="error-code">{error.code}</code>
              </dd>
              {problems.map((p, i) => (
                <div key={i}>
                  <dt>{p.path && p.path !== '/' ? <code>{p.path}</code> : t('error.field')}</dt>
                  <dd>
                    <code>{p.code}</code>
                  </dd>
                </div>
              ))}
            </dl>
          </details>
        )}
      </div>
      {onClose && (
        <button type="button" className="btn-icon" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      )}
    </div>
  );
}

/** A field problem as a person reads it: its message, led by the field's name when the message does not name it already. */
export function problemText(p: FieldProblem, lang: Lang): string {
  if (!p.path || p.path === '/') return p.message;
  const title = fieldTitle(p.path, lang);
  const name = fieldNameOf(p.path);
  const label = name ? fieldLabel(name)?.[lang] : undefined;
  if (!title || p.message.startsWith(title) || (label && p.message.includes(label)) || p.message.startsWith(title.split(':')[0])) return p.message;
  return `${title} — ${p.message}`;
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'success' | 'warning'; children: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role="status">
      <div className="alert-body">{children}</div>
    </div>
  );
}

interface FieldShell {
  label: string;
  error?: string;
  hint?: string;
  className?: string;
}

function Shell({ id, label, error, hint, className, children }: FieldShell & { id: string; children: ReactNode }) {
  return (
    <div className={`field ${error ? 'has-error' : ''} ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      <FieldNotes id={id} error={error} hint={hint} />
    </div>
  );
}

/** A field's hint (while it has no error) or its error, under the input: `${id}-hint` / `${id}-error`, the input's aria-describedby. */
export function FieldNotes({ id, error, hint }: { id: string; error?: string; hint?: string }) {
  return (
    <>
      {hint && !error && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </>
  );
}

/** the aria-describedby of a field's input: its error, else its hint */
export const describedBy = (id: string, error?: string, hint?: string) => (error ? `${id}-error` : hint ? `${id}-hint` : undefined);

export function TextField({ label, error, hint, className, ref, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  const auto = useId();
  const id = input.id ?? auto;
  return (
    <Shell id={id} label={label} error={error} hint={hint} className={className}>
      <input ref={ref} id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...input} />
    </Shell>
  );
}

export function TextArea({ label, error, hint, className, ...input }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const auto = useId();
  const id = input.id ?? auto;
  return (
    <Shell id={id} label={label} error={error} hint={hint} className={className}>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...input} />
    </Shell>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({ label, error, hint, className, options, blank, ...select }: FieldShell & SelectHTMLAttributes<HTMLSelectElement> & { options: Option[]; blank?: string }) {
  const auto = useId();
  const id = select.id ?? auto;
  return (
    <Shell id={id} label={label} error={error} hint={hint} className={className}>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...select}>
        {blank !== undefined && <option value="">{blank}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

export function CheckField({ label, error, className, checked, onChange, ...rest }: Omit<FieldShell, 'hint'> & { checked: boolean; onChange: (checked: boolean) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'checked'>) {
  const auto = useId();
  const id = rest.id ?? auto;
  return (
    <div className={`field field-check ${error ? 'has-error' : ''} ${className ?? ''}`}>
      <input type="checkbox" id={id} checked={checked} onChange={(e) => onChange(e.target.checked)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...rest} />
      <label htmlFor={id}>{label}</label>
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}

/** A button for an action that cannot start twice: disabled and showing progress while it runs. */
export function ActionButton({
  action,
  onClick,
  children,
  busyLabel,
  className = 'btn btn-primary',
  type = 'button',
  disabled,
  testId,
}: {
  action: Pick<Action<never[], unknown>, 'busy'>;
  onClick?: () => void;
  children: ReactNode;
  busyLabel?: string;
  className?: string;
  type?: 'button' | 'submit';
  disabled?: boolean;
  testId?: string;
}) {
  return (
    <button type={type} className={className} onClick={onClick} disabled={disabled || action.busy} aria-busy={action.busy || undefined} data-testid={testId}>
      {action.busy && <span className="spinner" aria-hidden="true" />}
      {action.busy && busyLabel ? busyLabel : children}
    </button>
  );
}

/** An indeterminate progress bar with the elapsed time, for long operations. */
/** A screen's filter or parameter form: submitting it (Enter or its submit button) runs `onSubmit`, the page is never reloaded. */
export function FilterForm({ label, onSubmit, children }: { label: string; onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      noValidate
      className="filters card"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

/** A report file's format: PDF prints, CSV and XLSX download. */
export type FileFormat = 'pdf' | 'csv' | 'xlsx';
const FILE_FORMAT_ICON = { pdf: 'printer', csv: 'download', xlsx: 'download' } as const;

/** One button per file format of a report, each running `action` with its format; test ids `<testIdPrefix>-<format>` when a prefix is given. */
export function DownloadButtons<F extends FileFormat>({ action, formats, testIdPrefix }: { action: Action<[F], unknown>; formats: readonly F[]; testIdPrefix?: string }) {
  return (
    <>
      {formats.map((format) => (
        <ActionButton key={format} action={action} className="btn" onClick={() => void action.run(format)} testId={testIdPrefix && `${testIdPrefix}-${format}`}>
          <Icon name={FILE_FORMAT_ICON[format]} /> {format.toUpperCase()}
        </ActionButton>
      ))}
    </>
  );
}

export function Progress({ busy, elapsed, label }: { busy: boolean; elapsed: number; label: string }) {
  const { t } = useI18n();
  if (!busy) return null;
  return (
    <div className="progress" role="status" aria-live="polite">
      <div className="progress-bar" role="progressbar" aria-label={label} aria-valuetext={t('common.elapsed', { s: elapsed })}>
        <span />
      </div>
      <span>
        {label} — {t('common.elapsed', { s: elapsed })}
      </span>
    </div>
  );
}

/** A modal confirmation (native <dialog>: focus stays inside, Escape cancels). */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel,
  danger,
  onConfirm,
  onCancel,
  busy,
}: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onCancel={(e) => (e.preventDefault(), onCancel())}>
      {open && (
        <form noValidate method="dialog" onSubmit={(e) => (e.preventDefault(), onConfirm())}>
          <h2 id={titleId}>{title}</h2>
          <div className="dialog-body">{children}</div>
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={onCancel}>
              {cancelLabel ?? t('common.cancel')}
            </button>
            <button type="submit" className={danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={busy} aria-busy={busy || undefined} autoFocus>
              {busy && <span className="spinner" aria-hidden="true" />}
              {confirmLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> {t('common.loading')}
    </p>
  );
}

export function Badge({ kind = 'neutral', children }: { kind?: 'neutral' | 'ok' | 'warn' | 'bad' | 'info'; children: ReactNode }) {
  return <span className={`badge badge-${kind}`}>{children}</span>;
}

export function Section({ title, children, actions, id }: { title: string; children: ReactNode; actions?: ReactNode; id?: string }) {
  const hid = useId();
  return (
    <section className="card" aria-labelledby={hid} id={id}>
      <div className="card-head">
        <h2 id={hid}>{title}</h2>
        {actions && <div className="card-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
