/** The text of a PDF the server wrote (pdf-parse v2), and the Romanian money figures in it. */
import { Money } from '../../src/core/decimal.ts';

async function textOf(data: Buffer): Promise<{ text: string; pages: { text: string }[] }> {
  const { PDFParse } = await import('pdf-parse');
  const parser = new PDFParse({ data: new Uint8Array(data) });
  try {
    return await parser.getText();
  } finally {
    await parser.destroy();
  }
}

/** the whole text */
export async function pdfText(data: Buffer): Promise<string> {
  return (await textOf(data)).text;
}

/** the text per page */
export async function pdfPages(data: Buffer): Promise<string[]> {
  return (await textOf(data)).pages.map((p) => p.text);
}

/** a money figure as the Romanian documents print it ("1.234,56" / "-12,00") → scaled cents */
export const roMoney = (s: string) => Money.parse(s.replace(/\./g, '').replace(',', '.'))!;
/** the Romanian money figures of a text (use with String.match) */
export const RO_MONEY = /-?\d{1,3}(?:\.\d{3})*,\d{2}(?!\d)/g;
