// A problem is a file that could not be read as expected, said so that the user knows what to do.
// Collected, never thrown: the rest of the snapshot is still produced.
import type { Problem } from '../../shared/types';

export class Problems {
  readonly list: Problem[] = [];
  add(file: string, message: string): void {
    this.list.push({ file, message });
  }
}
