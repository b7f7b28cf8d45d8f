/**
 * The shared PDF layout of tabular reports: a title, a block of labelled
 * facts, a table that repeats its header on every page, totals, signature
 * lines and "page x of y" footers, in Romanian or English.
 *
 * Text is set in DejaVu Sans from @fontsource/dejavu-sans, which ships the
 * full font (ă â î ș ț and the cedilla forms included) as WOFF/WOFF2 only;
 * pdfkit (fontkit) takes TrueType or WOFF: the WOFF files are unpacked to
 * TrueType once per process and embedded (subset, with a ToUnicode map so
 * the text can be extracted again).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import PDFDocument from 'pdfkit';
import type { Language } from '../core/i18n.ts';

const require = createRequire(import.meta.url);
export const FONT_REGULAR = require.resolve('@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff');
export const FONT_BOLD = require.resolve('@fontsource/dejavu-sans/files/dejavu-sans-latin-700-normal.woff');

/**
 * WOFF 1.0 → plain SFNT (TrueType): the same tables, each inflated with
 * node's zlib. fontkit reads WOFF itself but inflates it in JavaScript, about
 * 0.6 s per font per document; the converted font is read in milliseconds.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') return woff;
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + 16 * numTables);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const data: Buffer[] = [];
  let offset = header.length;
  for (let i = 0; i < numTables; i++) {
    const at = 44 + i * 20;
    const [tag, start, compLength, origLength, checksum] = [0, 4, 8, 12, 16].map((d) => woff.readUInt32BE(at + d));
    const raw = woff.subarray(start, start + compLength);
    const table = compLength < origLength ? zlib.inflateSync(raw) : raw;
    const padded = Buffer.alloc((table.length + 3) & ~3);
    table.copy(padded);
    const entry = 12 + i * 16;
    header.writeUInt32BE(tag, entry);
    header.writeUInt32BE(checksum, entry + 4);
    header.writeUInt32BE(offset, entry + 8);
    header.writeUInt32BE(origLength, entry + 12);
    data.push(padded);
    offset += padded.length;
  }
  return Buffer.concat([header, ...data]);
}

let fonts: { regular: Buffer; bold: Buffer } | undefined;
function dejaVu() {
  fonts ??= { regular: woffToSfnt(fs.readFileSync(FONT_REGULAR)), bold: woffToSfnt(fs.readFileSync(FONT_BOLD)) };
  return fonts;
}

export interface PdfColumn {
  header: string;
  /** relative width */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface PdfReport {
  title: string;
  /** label: value lines under the title */
  facts: [string, string][];
  columns: PdfColumn[];
  rows: string[][];
  /** label: value lines after the table */
  totals?: [string, string][];
  /** signature blocks: a caption and, optionally, a name printed under the line */
  signatures?: { caption: string; name?: string }[];
  /** one text line before the signatures */
  note?: string;
  lang: Language;
  landscape?: boolean;
  /** draws a writing line under every row (count sheets) */
  ruled?: boolean;
  /**
   * A total row at the foot of every page (form 14-3-12): `sum(from, to, column)`
   * gives the text of the sum of the rows [from, to) in each of `columns`; the
   * caller sums the exact figures, the layout only knows which rows a page holds.
   */
  pageTotals?: { label: string; columns: number[]; sum: (from: number, to: number, column: number) => string };
  /** the signatures at the foot of every page instead of once after the totals */
  signaturesOnEveryPage?: boolean;
  /** text lines (paragraphs) after the totals, before the note */
  paragraphs?: string[];
}

const WORDS = {
  ro: { page: (n: number, of: number) => `Pagina ${n} din ${of}`, printed: 'Tipărit la' },
  en: { page: (n: number, of: number) => `Page ${n} of ${of}`, printed: 'Printed on' },
} as const;

const MARGIN = 36;
const FONT_SIZE = 8;
const ROW = 14;
const HEADER_SIZE = 7;
const SIGNATURES_PER_ROW = 4;
const SIGNATURE_ROW = 44;

/** Renders a report to a PDF file in memory. */
export function renderPdf(report: PdfReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: report.landscape ? 'landscape' : 'portrait',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: report.title, Producer: 'Inventar', Creator: 'Inventar' },
  });
  doc.registerFont('regular', dejaVu().regular);
  doc.registerFont('bold', dejaVu().bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const signatures = report.signatures ?? [];
  const everyPage = report.signaturesOnEveryPage === true && signatures.length > 0;
  const signatureRows = Math.ceil(signatures.length / SIGNATURES_PER_ROW);
  // on every page the signatures take the foot of the page, above the footer
  const reserved = everyPage ? signatureRows * SIGNATURE_ROW + 8 : 0;
  const bottom = () => doc.page.height - MARGIN - 16 - reserved;
  const pageTotalRow = report.pageTotals ? ROW : 0;
  const total = report.columns.reduce((s, c) => s + c.width, 0);
  const widths = report.columns.map((c) => (c.width / total) * width);
  let y = MARGIN;

  const fit = (value: string, w: number): string => {
    if (doc.widthOfString(value) <= w) return value;
    let s = value;
    while (s.length > 1 && doc.widthOfString(`${s}…`) > w) s = s.slice(0, -1);
    return `${s}…`;
  };
  const cells = (values: string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(FONT_SIZE);
    let x = left;
    values.forEach((v, i) => {
      const w = widths[i] - 4;
      const align = report.columns[i].align ?? 'left';
      if (align === 'right' && doc.widthOfString(v ?? '') > w) {
        // a figure is never cut: it is set smaller until it fits
        doc.fontSize((FONT_SIZE * w) / doc.widthOfString(v));
        doc.text(v, x + 2, y + 3, { width: w, align, lineBreak: false });
        doc.fontSize(FONT_SIZE);
      } else doc.text(fit(v ?? '', w), x + 2, y + 3, { width: w, align, lineBreak: false });
      x += widths[i];
    });
  };
  // headings wrap onto as many lines as the longest needs (never cut: they are what a reader looks for)
  const header = () => {
    doc.font('bold').fontSize(HEADER_SIZE);
    const lines = Math.max(...report.columns.map((c, i) => Math.ceil(doc.heightOfString(c.header, { width: widths[i] - 4 }) / (HEADER_SIZE * 1.2))));
    const h = Math.max(ROW, lines * HEADER_SIZE * 1.2 + 6);
    doc.rect(left, y, width, h).fillColor('#e8e8e8').fill().fillColor('black');
    let x = left;
    report.columns.forEach((c, i) => {
      doc.text(c.header, x + 2, y + 3, { width: widths[i] - 4, align: c.align ?? 'left' });
      x += widths[i];
    });
    y += h;
    doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.5).strokeColor('black').stroke();
  };
  const newPage = () => {
    doc.addPage();
    y = MARGIN;
    header();
  };

  // title and facts
  doc.font('bold').fontSize(14).text(report.title, left, y, { width });
  y = doc.y + 6;
  doc.font('regular').fontSize(9);
  for (const [label, value] of report.facts) {
    doc.font('bold').text(`${label}: `, left, y, { continued: true }).font('regular').text(value);
    y = doc.y + 1;
  }
  y += 8;
  header();
  let pageFirst = 0;
  const pageTotal = (to: number) => {
    const t = report.pageTotals;
    if (!t) return;
    doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.5).stroke();
    const values = report.columns.map((_, i) => (t.columns.includes(i) ? t.sum(pageFirst, to, i) : ''));
    // the label in the first column that carries no total, spanning up to the first total
    cells(values, 'bold');
    const span = widths.slice(0, Math.min(...t.columns)).reduce((s, w) => s + w, 0);
    doc.font('bold').fontSize(FONT_SIZE).text(t.label, left + 2, y + 3, { width: span - 4, lineBreak: false });
    y += ROW;
    pageFirst = to;
  };
  report.rows.forEach((row, i) => {
    if (y + ROW + pageTotalRow > bottom()) {
      pageTotal(i);
      newPage();
    }
    cells(row, 'regular');
    y += ROW;
    if (report.ruled) doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.3).strokeColor('#888888').stroke().strokeColor('black');
  });
  pageTotal(report.rows.length);
  doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.5).stroke();
  y += 8;

  if (report.totals?.length) {
    if (y + report.totals.length * 12 > bottom()) newPage();
    doc.fontSize(9);
    for (const [label, value] of report.totals) {
      doc.font('bold').text(`${label}: `, left, y, { continued: true }).font('regular').text(value);
      y = doc.y + 1;
    }
    y += 8;
  }
  for (const p of report.paragraphs ?? []) {
    doc.font('regular').fontSize(9);
    const h = doc.heightOfString(p, { width });
    if (y + h > bottom()) {
      doc.addPage();
      y = MARGIN;
    }
    doc.text(p, left, y, { width });
    y = doc.y + 4;
  }
  if (report.note) {
    doc.font('regular').fontSize(9).text(report.note, left, y, { width });
    y = doc.y + 8;
  }
  if (signatures.length && !everyPage) {
    const blockHeight = 60;
    if (y + blockHeight > bottom()) {
      doc.addPage();
      y = MARGIN;
    }
    const per = width / signatures.length;
    signatures.forEach((s, i) => {
      const x = left + i * per;
      doc.font('bold').fontSize(9).text(s.caption, x, y, { width: per - 12, lineBreak: false });
      doc.moveTo(x, y + 36).lineTo(x + per - 24, y + 36).lineWidth(0.5).stroke();
      if (s.name) doc.font('regular').fontSize(8).text(s.name, x, y + 40, { width: per - 12, lineBreak: false });
    });
  }

  // footers: page x of y, and when it was printed
  const range = doc.bufferedPageRange();
  const printed = `${WORDS[report.lang].printed} ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const fy = doc.page.height - MARGIN - 8;
    // writing inside the bottom margin must not open a new page
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, bottom: 0 };
    doc.font('regular').fontSize(7);
    doc.text(printed, left, fy, { width: width / 2, lineBreak: false });
    doc.text(WORDS[report.lang].page(i - range.start + 1, range.count), left + width / 2, fy, { width: width / 2, align: 'right', lineBreak: false });
    if (everyPage) {
      const per = width / Math.min(SIGNATURES_PER_ROW, signatures.length);
      const top = doc.page.height - MARGIN - 16 - reserved + 8;
      signatures.forEach((s, k) => {
        const x = left + (k % SIGNATURES_PER_ROW) * per;
        const sy = top + Math.floor(k / SIGNATURES_PER_ROW) * SIGNATURE_ROW;
        doc.font('bold').fontSize(7).text(s.caption, x, sy, { width: per - 12, lineBreak: false });
        if (s.name) doc.font('regular').fontSize(7).text(s.name, x, sy + 9, { width: per - 12, lineBreak: false });
        doc.moveTo(x, sy + 32).lineTo(x + per - 24, sy + 32).lineWidth(0.5).stroke();
      });
    }
    doc.page.margins = margins;
  }
  doc.end();
  return done;
}
