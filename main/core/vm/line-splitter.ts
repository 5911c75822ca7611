// Output arrives in chunks that split lines anywhere; the live log shows whole lines, per stream.
export class LineSplitter {
  private rest = '';
  constructor(private readonly emit: (line: string) => void) {}

  push(chunk: string): void {
    const parts = (this.rest + chunk).split(/\r?\n|\r/);
    this.rest = parts.pop() ?? '';
    for (const p of parts) if (p.trim() !== '') this.emit(p);
  }

  flush(): void {
    if (this.rest.trim() !== '') this.emit(this.rest);
    this.rest = '';
  }
}
