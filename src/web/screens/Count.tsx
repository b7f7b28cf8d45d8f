/**
 * The counter's screen, made for a 360 px phone held in one hand: pick one of
 * my lists, then scan (camera, keyboard-wedge scanner or typing) into a
 * persistent queue that survives a dropped connection (scanQueue.ts).
 * Keyboard: the code field has the focus; Enter counts; the add / replace
 * prompt answers to A, R and Escape.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import { ApiError, itemsOf, type Page } from '../api.ts';
import { cachedGet } from '../offline-store.ts';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';
import { Link, useRouter } from '../router.tsx';
import { useLoad, useTitle } from '../hooks.ts';
import { formatDate, formatDecimal, parseDecimalInput } from '../format.ts';
import { isUnclearNumber } from '../number-input.ts';
import { type QueuedScan, type ScanBody } from '../scanQueue.ts';
import { queueFor } from '../scanQueues.ts';
import { Badge, ErrorBox, Loading, TextField } from '../components/ui.tsx';
import { CameraScanner, detectInImage } from '../components/CameraScanner.tsx';
import type { CountLine, InventoryList, Location } from '../types.ts';
import { Icon } from '../components/Icon.tsx';
import { ScanBanner } from '../components/ScanBanner.tsx';
import { ScanChoice, type Need, type ScanItem } from '../components/ScanChoice.tsx';
import { ItemSearch } from '../components/ItemSearch.tsx';
import { CountedLines } from '../components/CountedLines.tsx';
import { ListProgressLine } from '../components/ListProgress.tsx';
import { signalScan } from '../feedback.ts';

/** A scanned or typed code: a location of the list's warehouse, a barcode (EAN/UPC/GS1) or an item code. */
export function classify(code: string, locations: Location[]): { kind: 'location' | 'barcode' | 'item'; value: string } {
  const value = code.trim();
  const location = locations.find((l) => l.code.toLowerCase() === value.toLowerCase());
  if (location) return { kind: 'location', value: location.code };
  // digits only (EAN-8/13, UPC, GTIN-14, GS1 without separators), GS1 with (AI) brackets,
  // a symbology identifier (]C1, ]d2, ]Q3) or the FNC1 group separator: the server parses them
  if (/^\d{8,}$/.test(value) || /^\(\d{2,4}\)/.test(value) || value.startsWith(']') || value.includes('\u001d')) return { kind: 'barcode', value };
  return { kind: 'item', value };
}

function useQueue(username: string) {
  const queue = useMemo(() => queueFor(username), [username]);
  const entries = useSyncExternalStore(queue.subscribe, queue.all);
  useEffect(() => {
    queue.retryNow();
  }, [queue]);
  return { queue, entries };
}

export function CountScreen({ listId }: { listId?: number }) {
  const { user } = useSession();
  if (!user) return null;
  return listId ? <Counting listId={listId} username={user.username} /> : <MyLists username={user.username} />;
}

function listTitle(list: InventoryList, t: ReturnType<typeof useI18n>['t']): string {
  return t('count.listTitle', { id: list.id, inventory: list.inventory ?? `#${list.inventoryId ?? ''}`, warehouse: list.warehouse });
}

function MyLists({ username }: { username: string }) {
  const { t, lang } = useI18n();
  const { entries } = useQueue(username);
  useTitle(t('count.title'));
  const lists = useLoad(() => cachedGet<Page<InventoryList> | InventoryList[]>(username, '/api/lists', { mine: true, open: true, limit: 500 }), [username]);
  const open = itemsOf(lists.data).filter((l) => !l.closingDate);
  return (
    <div className="page page-narrow">
      <h1>{t('count.myLists')}</h1>
      <ErrorBox error={lists.error} />
      {lists.loading && <Loading />}
      {!lists.loading && open.length === 0 && !lists.error && <p className="empty-state">{t('count.noLists')}</p>}
      <ul className="pick-list">
        {open.map((l) => {
          const waiting = entries.filter((e) => e.listId === l.id && e.state === 'pending').length;
          return (
            <li key={l.id}>
              <Link to={`/count/${l.id}`} className="pick" data-testid={`pick-list-${l.id}`}>
                <span className="pick-title">{listTitle(l, t)}</span>
                <span className="pick-meta">
                  {t('count.inventoryOf', { inventory: l.inventory ?? '', date: formatDate(l.inventoryDate, lang) })} · {l.listType}
                  {l.blindCount ? ` · ${t('count.blind')}` : ''} · {t('count.linesN', { n: l.lines ?? 0 })}
                </span>
                {waiting > 0 && <Badge kind="warn">{t('count.waitingN', { n: waiting })}</Badge>}
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Counting({ listId, username }: { listId: number; username: string }) {
  const { t, lang } = useI18n();
  const { navigate } = useRouter();
  const { queue, entries } = useQueue(username);
  // read through the phone's copy: a list opened once opens again with no connection
  const list = useLoad(() => cachedGet<InventoryList>(username, `/api/lists/${listId}`), [listId, username]);
  const warehouse = list.data?.warehouse;
  const locations = useLoad(() => cachedGet<Page<Location>>(username, `/api/warehouses/${encodeURIComponent(warehouse!)}/locations`, { limit: 2000 }), [warehouse, username], !!warehouse);
  const lines = useLoad(() => cachedGet<Page<CountLine> | CountLine[]>(username, `/api/lists/${listId}/lines`, { limit: 5000 }), [listId, username]);
  useTitle(t('count.title'));

  // the list carries its type's flags: a counter reads no master data (SPEC §10)
  const blind = list.data?.blindCount ?? false;
  const maintainLocation = list.data?.maintainLocation ?? false;
  const locationList = useMemo(() => itemsOf(locations.data), [locations.data]);
  // a maintain-location list remembers its current location on the server too
  useEffect(() => {
    if (maintainLocation && list.data?.currentLocation) setLocation((l) => l || list.data!.currentLocation!);
  }, [maintainLocation, list.data]);

  const [code, setCode] = useState('');
  // empty: the server takes the GS1 count (AI 30/37) of the code, else 1
  const [quantity, setQuantity] = useState('');
  const [lot, setLot] = useState('');
  const [location, setLocation] = useState('');
  const [formError, setFormError] = useState('');
  const [quantityError, setQuantityError] = useState('');
  const [announce, setAnnounce] = useState('');
  const [camera, setCamera] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const photoRef = useRef<HTMLInputElement>(null);

  const mine = entries.filter((e) => e.listId === listId);
  const pending = mine.filter((e) => e.state === 'pending');
  const conflict = mine.find((e) => e.state === 'conflict');
  const rejected = mine.filter((e) => e.state === 'rejected');
  const offline = pending.some((e) => e.attempts > 0);

  // the lines acknowledged since the list was loaded, merged into it (older answers are in the loaded lines already)
  const [loadedAt, setLoadedAt] = useState(0);
  useEffect(() => {
    if (lines.data) setLoadedAt(Date.now());
  }, [lines.data]);
  const merged = useMemo(() => {
    const map = new Map<number, CountLine>();
    for (const l of itemsOf(lines.data)) map.set(l.id, l);
    for (const e of mine) if (e.state === 'done' && e.result && (e.ackedAt ?? 0) >= loadedAt - 10_000) map.set(e.result.id, { ...map.get(e.result.id), ...e.result });
    return [...map.values()].sort((a, b) => (b.insertedAt ?? '').localeCompare(a.insertedAt ?? '') || b.id - a.id);
  }, [lines.data, mine, loadedAt]);
  // corrections and deletions made on this screen since (they win over the loaded lines and the queue's answers)
  const [edits, setEdits] = useState<Map<number, CountLine | null>>(new Map());
  const shownLines = useMemo(
    () => merged.flatMap((l) => (edits.has(l.id) ? (edits.get(l.id) ? [{ ...l, ...edits.get(l.id)! }] : []) : [l])),
    [merged, edits],
  );
  const doneCount = mine.filter((e) => e.state === 'done').length + edits.size;

  // back to the code field for the next scan, after this render; never select() there: a wedge
  // scanner may already be typing. If the user moved on meanwhile (Tab to the quantity), focus
  // stays where they put it: only a focus left where it was, or lost with a removed element, comes back.
  const focusCode = useCallback(() => {
    const before = document.activeElement;
    requestAnimationFrame(() => {
      const now = document.activeElement;
      if (!codeRef.current || now === codeRef.current) return;
      if (now === before || now === null || now === document.body) codeRef.current.focus();
    });
  }, []);

  // the item of a scan, read once per screen (through the phone's copy): does it need a variant or a lot?
  const known = useRef(new Map<string, { item: ScanItem; variant?: string } | null>());
  const lookUp = useCallback(
    async (what: { kind: string; value: string }): Promise<{ item: ScanItem; variant?: string } | null | undefined> => {
      const key = `${what.kind}:${what.value.toUpperCase()}`;
      if (known.current.has(key)) return known.current.get(key);
      try {
        let found: { item: ScanItem; variant?: string } | null = null;
        if (what.kind === 'item') found = { item: await cachedGet<ScanItem>(username, `/api/items/${encodeURIComponent(what.value)}`) };
        // a plain GTIN: a GS1 code with its (10) lot or a variant's barcode is told by the server
        else if (/^\d{8,14}$/.test(what.value)) {
          const hit = await cachedGet<{ item: ScanItem; variant: string | null }>(username, `/api/items/by-barcode/${what.value}`);
          found = { item: hit.item, variant: hit.variant ?? undefined };
        }
        known.current.set(key, found);
        return found;
      } catch (e) {
        // unknown code: the server says so on the scan; offline and never seen: counted as scanned
        if (e instanceof ApiError && e.status === 404) known.current.set(key, null);
        return undefined;
      }
    },
    [username],
  );
  const [ask, setAsk] = useState<{ item: ScanItem; need: Need; body: Omit<ScanBody, 'scanId'>; label: string } | undefined>();
  const commit = useCallback(
    (body: Omit<ScanBody, 'scanId'>, label: string) => {
      queue.enqueue(listId, body, label);
      setAnnounce(t('count.queued', { code: label, quantity: body.quantity ? formatDecimal(body.quantity, lang) : '…' }));
    },
    [queue, listId, t, lang],
  );
  const needOf = (found: { item: ScanItem; variant?: string } | null | undefined, body: Omit<ScanBody, 'scanId'>): Need | undefined => {
    if (!found) return undefined;
    if (found.item.variants?.length && !body.variant && !found.variant) return 'variant';
    if (found.item.lotManaged && !body.lot) return 'lot';
    return undefined;
  };
  const decisions = useRef<Promise<void>>(Promise.resolve());
  const decide = useCallback(
    async (what: { kind: string; value: string }, body: Omit<ScanBody, 'scanId'>, label: string) => {
      const found = await lookUp(what);
      const need = needOf(found, body);
      if (need && found) {
        setAsk({ item: found.item, need, body, label });
        window.scrollTo({ top: 0 });
      }
      else commit(body, label);
    },
    [lookUp, commit],
  );
  const choose = (value: string) => {
    if (!ask) return;
    const body = { ...ask.body, [ask.need]: value };
    const next = needOf({ item: ask.item }, body);
    if (next) setAsk({ ...ask, need: next, body });
    else {
      setAsk(undefined);
      commit(body, ask.label);
      focusCode();
    }
  };
  const lotsOf = (item: string): string[] => [...new Set([...merged.filter((l) => l.item === item && l.lot).map((l) => l.lot!), ...mine.filter((e) => e.result?.item === item && e.body.lot).map((e) => e.body.lot!)])].sort();

  const submitCode = useCallback(
    (raw: string) => {
      const value = raw.trim();
      setFormError('');
      if (!value) {
        setFormError(t('count.codeRequired'));
        focusCode();
        return;
      }
      const what = classify(value, locationList);
      if (what.kind === 'location') {
        setLocation(what.value);
        setAnnounce(t('count.locationSet', { location: what.value }));
        setCode('');
        focusCode();
        return;
      }
      const qty = quantity.trim() === '' ? undefined : parseDecimalInput(quantity, lang);
      setQuantityError('');
      if (quantity.trim() !== '' && (!qty || qty.startsWith('-'))) {
        setQuantityError(isUnclearNumber(quantity, lang) ? t('phone.unclearNumber', { text: quantity.trim() }) : t('count.badQuantity'));
        return;
      }
      const body: Omit<ScanBody, 'scanId'> = qty ? { quantity: qty } : {};
      if (what.kind === 'barcode') body.barcode = what.value;
      else body.item = what.value;
      if (lot.trim()) body.lot = lot.trim();
      if (location.trim()) body.location = location.trim();
      // one scan at a time: each is looked up (variant? lot?) before it is queued, in the order scanned
      const what2 = what;
      decisions.current = decisions.current.then(() => decide(what2, body, value));
      setCode('');
      setQuantity('');
      setLot('');
      if (!maintainLocation) setLocation('');
      focusCode();
    },
    [focusCode, locationList, lang, location, lot, maintainLocation, quantity, t, decide],
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submitCode(code);
  };

  // the last scan made on this list (a resolved repeat counts as made when resolved): the banner's
  const latest = useMemo(() => mine.reduce<QueuedScan | undefined>((a, e) => (!a || e.createdAt >= a.createdAt ? e : a), undefined), [mine]);
  const lastRefused = latest?.state === 'rejected';
  // announce, beep and vibrate once per answer (and once when a scan stays on the phone)
  const lastSeen = useRef<string>('');
  useEffect(() => {
    if (!latest) return;
    const offlineNow = latest.state === 'pending' && latest.attempts > 0;
    const seen = `${latest.scanId}:${offlineNow ? 'offline' : latest.state}`;
    if (seen === lastSeen.current || (latest.state === 'pending' && !offlineNow) || latest.state === 'conflict') return;
    const first = lastSeen.current === '';
    lastSeen.current = seen;
    // the answers already there when the screen opens were signalled when they came
    if (first && latest.ackedAt !== undefined && Date.now() - latest.ackedAt > 5000) return;
    // the answer is at the top of the page: brought into view whatever the counter scrolled to
    if (latest.state !== 'pending' || offlineNow) window.scrollTo({ top: 0 });
    if (latest.state === 'done' && latest.result) {
      setAnnounce(t('count.saved', { item: latest.result.item, quantity: formatDecimal(latest.result.countedQuantity, lang) }));
      signalScan('counted');
    } else if (latest.state === 'rejected') {
      setAnnounce(latest.error?.detail ?? '');
      signalScan('refused');
    } else if (offlineNow) signalScan('queued');
  }, [latest, t, lang]);

  const onPhoto = async (file: File | undefined) => {
    if (!file) return;
    try {
      const found = await detectInImage(file);
      if (found) submitCode(found);
      else setFormError(t('count.nothingFound'));
    } catch (e) {
      setFormError(`${t('count.cameraError')} ${e instanceof Error ? e.message : ''}`);
    } finally {
      if (photoRef.current) photoRef.current.value = '';
    }
  };

  if (list.error) {
    return (
      <div className="page page-narrow">
        <ErrorBox error={list.error} />
        <Link to="/count">{t('count.backToLists')}</Link>
      </div>
    );
  }
  if (!list.data) return <Loading />;

  return (
    <div className="page page-narrow counting">
      {ask ? (
        <ScanChoice item={ask.item} need={ask.need} lots={lotsOf(ask.item.code)} onChoose={choose} onCancel={() => (setAsk(undefined), focusCode())} />
      ) : (
        <ScanBanner entry={latest} offline={offline} />
      )}
      <div className="count-head">
        <button type="button" className="btn btn-small" onClick={() => navigate('/count')}>
          ← {t('count.lists')}
        </button>
        <h1>{listTitle(list.data, t)}</h1>
        <div className="count-flags">
          <Badge>{list.data.listType}</Badge>
          {blind && <Badge kind="info">{t('count.blind')}</Badge>}
          {maintainLocation && <Badge kind="info">{t('count.keepsLocation')}</Badge>}
        </div>
        <ListProgressLine listId={listId} refresh={doneCount} />
      </div>

      <div className={`sync ${offline ? 'sync-offline' : pending.length ? 'sync-busy' : lastRefused ? 'sync-refused' : 'sync-ok'}`} role="status" aria-live="polite" data-testid="sync-status" data-waiting={pending.length}>
        <span>
          <Icon name={offline || lastRefused ? 'alert' : pending.length ? 'wait' : 'check'} />{' '}
          {offline ? t('count.offline', { n: pending.length }) : pending.length ? t('count.sending', { n: pending.length }) : lastRefused ? `${t('phone.lastRefused')} ${t('count.allSaved')}` : t('count.allSaved')}
        </span>
        {offline && (
          <button type="button" className="btn btn-small" onClick={() => queue.retryNow()}>
            {t('count.retry')}
          </button>
        )}
      </div>

      {queue.problem && (
        <div className="alert alert-error" role="alert" data-testid="storage-problem">
          <div className="alert-body">{t(`phone.storage.${queue.problem}`)}</div>
        </div>
      )}

      {maintainLocation && location ? (
        <div className="current-location" data-testid="current-location" aria-label={`${t('phone.currentLocation')}: ${location}`}>
          <Icon name="pin" size="1em" /> {location}
        </div>
      ) : null}

      <form noValidate className="scan-form" onSubmit={onSubmit} aria-label={t('count.form')}>
        <TextField
          label={maintainLocation ? t('count.locationKept') : t('count.location')}
          value={location}
          onChange={(e) => setLocation(e.target.value)}
          list="count-locations"
          autoComplete="off"
          autoCapitalize="characters"
          name="location"
          hint={t('count.locationHint')}
        />
        <datalist id="count-locations">
          {locationList.map((l) => (
            <option key={l.code} value={l.code}>
              {l.description}
            </option>
          ))}
        </datalist>
        <TextField
          ref={codeRef}
          label={t('count.code')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoFocus
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          enterKeyHint="send"
          name="code"
          className="field-code"
          error={formError || undefined}
          hint={t('count.codeHint')}
          data-testid="scan-code"
        />
        <div className="row-2">
          <TextField
            label={t('count.quantity')}
            value={quantity}
            onChange={(e) => (setQuantity(e.target.value), setQuantityError(''))}
            inputMode="decimal"
            autoComplete="off"
            name="quantity"
            data-testid="scan-quantity"
            placeholder="1"
            hint={t('count.quantityHint')}
            error={quantityError || undefined}
          />
          <TextField label={t('count.lot')} value={lot} onChange={(e) => setLot(e.target.value)} autoComplete="off" name="lot" hint={t('count.lotHint')} />
        </div>
        <div className="scan-actions">
          <button type="submit" className="btn btn-primary btn-big" data-testid="scan-submit">
            {t('count.count')}
          </button>
          <button type="button" className="btn btn-big" onClick={() => setCamera((c) => !c)} aria-expanded={camera} data-testid="camera-toggle">
            <Icon name="camera" /> {t('count.camera')}
          </button>
          <label className="btn btn-big btn-file">
            <Icon name="image" /> {t('count.photo')}
            <input ref={photoRef} type="file" accept="image/*" capture="environment" className="sr-only" onChange={(e) => void onPhoto(e.target.files?.[0])} data-testid="photo-input" />
          </label>
        </div>
      </form>
      <ItemSearch
        onPick={(it) => {
          setCode(it.code);
          document.querySelector<HTMLInputElement>('[data-testid="scan-quantity"]')?.focus();
        }}
      />
      {camera && <CameraScanner onCode={(c) => submitCode(c)} onClose={() => (setCamera(false), focusCode())} />}

      <p className="sr-only" aria-live="assertive" data-testid="announce">
        {announce}
      </p>

      {rejected.map((e) => (
        <div key={e.scanId} className="alert alert-error" role="alert">
          <div className="alert-body">
            <strong>{e.label}</strong>: {e.error?.detail}
          </div>
          <button
            type="button"
            className="btn-icon"
            onClick={() => {
              queue.dismiss(e.scanId);
              focusCode();
            }}
            aria-label={t('common.dismiss')}
          >
            ×
          </button>
        </div>
      ))}

      <RecentScans entries={mine} blind={blind} />

      <CountedLines
        lines={shownLines}
        blind={blind}
        username={username}
        editable={!list.data.closingDate}
        online={!offline}
        onChanged={(l) => setEdits((m) => new Map(m).set(l.id, l))}
        onDeleted={(id) => setEdits((m) => new Map(m).set(id, null))}
      />

      {conflict && (
        <DuplicatePrompt
          entry={conflict}
          blind={blind}
          onChoose={(choice) => {
            queue.resolve(conflict.scanId, choice);
            setAnnounce(choice === 'cancel' ? t('count.cancelled') : t(choice === 'add' ? 'count.adding' : 'count.replacing'));
            focusCode();
          }}
        />
      )}
    </div>
  );
}

function RecentScans({ entries, blind }: { entries: QueuedScan[]; blind: boolean }) {
  const { t, lang } = useI18n();
  const recent = [...entries].reverse().slice(0, 5);
  if (recent.length === 0) return null;
  return (
    <section className="recent" aria-label={t('count.recent')}>
      <h2 className="sr-only">{t('count.recent')}</h2>
      <ol data-testid="recent-scans">
        {recent.map((e) => (
          <li key={e.scanId} className={`scan scan-${e.state}`} data-state={e.state}>
            <span className="scan-icon">
              <Icon name={e.state === 'done' ? 'check' : e.state === 'pending' ? 'wait' : e.state === 'conflict' ? 'alert' : 'x'} />
            </span>
            <span className="scan-label">
              {e.result ? e.result.item : e.label}
              {e.result?.lot ? ` · ${e.result.lot}` : ''}
              {e.body.mode ? ` (${t(e.body.mode === 'add' ? 'count.modeAdd' : 'count.modeReplace')})` : ''}
            </span>
            <span className="scan-qty">
              {e.state === 'done' && e.result ? formatDecimal(e.result.countedQuantity, lang) : `+${e.body.quantity ? formatDecimal(e.body.quantity, lang) : '…'}`}
              {!blind && e.result?.bookQuantity !== undefined ? <small className="muted"> / {formatDecimal(e.result.bookQuantity, lang)}</small> : null}
            </span>
            <span className="sr-only">{t(`count.state.${e.state}`)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function DuplicatePrompt({ entry, blind, onChoose }: { entry: QueuedScan; blind: boolean; onChoose: (c: 'add' | 'replace' | 'cancel') => void }) {
  const { t, lang } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, [entry.scanId]);
  const current = entry.current;
  return (
    <dialog
      ref={ref}
      className="dialog dialog-choice"
      aria-labelledby="dup-title"
      aria-describedby="dup-text"
      data-testid="duplicate-prompt"
      onCancel={(e) => {
        e.preventDefault();
        onChoose('cancel');
      }}
      onKeyDown={(e) => {
        if (e.altKey || e.ctrlKey || e.metaKey) return;
        const key = e.key.toLowerCase();
        if (key !== 'a' && key !== 'r') return;
        e.preventDefault();
        onChoose(key === 'a' ? 'add' : 'replace');
      }}
    >
      <h2 id="dup-title">{t('count.dupTitle')}</h2>
      <p id="dup-text">
        {t('count.dupText', {
          item: current?.item ?? entry.label,
          counted: current ? formatDecimal(current.countedQuantity, lang) : '?',
          quantity: entry.body.quantity ? formatDecimal(entry.body.quantity, lang) : t('count.theScanned'),
        })}
        {current?.lot ? ` ${t('count.lotShort')} ${current.lot}.` : ''}
        {current?.location ? ` ${t('common.location')} ${current.location}.` : ''}
        {!blind && current?.bookQuantity !== undefined ? ` ${t('count.book')} ${formatDecimal(current.bookQuantity, lang)}.` : ''}
      </p>
      <div className="dialog-actions dialog-actions-stack">
        <button type="button" className="btn btn-primary btn-big" onClick={() => onChoose('add')} autoFocus data-testid="dup-add">
          {t('count.dupAdd')} <kbd>A</kbd>
        </button>
        <button type="button" className="btn btn-big" onClick={() => onChoose('replace')} data-testid="dup-replace">
          {t('count.dupReplace')} <kbd>R</kbd>
        </button>
        <button type="button" className="btn btn-big btn-ghost" onClick={() => onChoose('cancel')} data-testid="dup-cancel">
          {t('common.cancel')} <kbd>Esc</kbd>
        </button>
      </div>
    </dialog>
  );
}
