/**
 * SAF-T D406: the document writer. xmlbuilder2's callback builder writes the
 * frame (header, small tables, sections) into a sink that hands the chunks to
 * the output stream with back-pressure; the compiled rows are pushed into the
 * same sink.
 */
import type { Writable } from 'node:stream';
import { createCB } from 'xmlbuilder2';

/** Buffers the builder's chunks and hands them to the stream, waiting when it is full. */
export class Sink {
  private chunks: string[] = [];
  private pending = 0;
  size = 0;
  constructor(private readonly out: Writable) {}

  push = (chunk: string): void => {
    this.chunks.push(chunk);
    this.pending += chunk.length;
    this.size += chunk.length;
  };

  async flush(force = false): Promise<void> {
    if (this.pending === 0 || (!force && this.pending < 64 * 1024)) return;
    const data = this.chunks.join('');
    this.chunks = [];
    this.pending = 0;
    if (this.out.destroyed) throw new Error('SAF-T export: the output was closed');
    if (this.out.write(data)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        this.out.off('drain', onDrain);
        this.out.off('close', onClose);
        this.out.off('error', onError);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => done();
      const onClose = () => done(new Error('SAF-T export: the output was closed'));
      const onError = (e: Error) => done(e);
      this.out.on('drain', onDrain);
      this.out.on('close', onClose);
      this.out.on('error', onError);
    });
  }
}

/** The callback builder writing into a sink, and its small helpers. */
export interface DocumentWriter {
  xml: ReturnType<typeof createCB>;
  sink: Sink;
  /** opens a section whose rows come from a row template (its open tag written now) */
  section: (name: string) => void;
  /** <name>value</name> */
  leaf: (name: string, value: string) => void;
  /** <name/> (a section the stock declaration leaves empty) */
  empty: (name: string) => void;
}

export function documentWriter(out: Writable): DocumentWriter {
  const sink = new Sink(out);
  // not indented: the rows are joined in as compiled markup (xml-row-template.ts), the frame around them is xmlbuilder2's
  const xml = createCB({ data: sink.push, prettyPrint: false });
  return {
    xml,
    sink,
    section: (name) => xml.ele(name).txt(''),
    leaf: (name, value) => xml.ele(name).txt(value).up(),
    empty: (name) => xml.ele(name).up(),
  };
}
