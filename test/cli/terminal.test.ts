import { describe, expect, it } from 'vitest';
import { colourWanted, createProgress, painter, PROGRESS_MIN_FILES } from '../../src/cli/terminal.js';
import { captureIo } from '../support/capture-io.js';

describe('cli terminal', () => {
  it('colours on a TTY or with FORCE_COLOR, never with NO_COLOR (empty NO_COLOR does not count)', () => {
    expect(colourWanted({ isTty: true, env: {} })).toBe(true);
    expect(colourWanted({ isTty: false, env: {} })).toBe(false);
    expect(colourWanted({ isTty: true, env: { NO_COLOR: '1' } })).toBe(false);
    expect(colourWanted({ isTty: true, env: { NO_COLOR: '' } })).toBe(true);
    expect(colourWanted({ isTty: false, env: { FORCE_COLOR: '1' } })).toBe(true);
    expect(colourWanted({ isTty: false, env: { FORCE_COLOR: '0' } })).toBe(false);
    expect(colourWanted({ isTty: false, env: { FORCE_COLOR: '1', NO_COLOR: 'yes' } })).toBe(false);
    expect(painter(true)('error', 'x')).toBe('\u001b[31mx\u001b[0m');
    expect(painter(false)('error', 'x')).toBe('x');
  });

  it('draws a progress bar on a stderr TTY for many files, and erases it before output', () => {
    const io = captureIo({ stderrIsTty: true });
    const progress = createProgress(io, 10, true);
    progress.step(5, 'a.json');
    expect(io.err.at(-1)).toBe('\r\u001b[2K[############............] 5/10 a.json');
    progress.clear();
    expect(io.err.at(-1)).toBe('\r\u001b[2K');
    const count = io.err.length;
    progress.finish(); // nothing drawn since: nothing to erase
    expect(io.err.length).toBe(count);
  });

  it('draws nothing when stderr is not a TTY, for few files, or when not wanted (--quiet)', () => {
    for (const [tty, files, wanted] of [[false, 10, true], [true, PROGRESS_MIN_FILES - 1, true], [true, 10, false]] as const) {
      const io = captureIo({ stderrIsTty: tty });
      const progress = createProgress(io, files, wanted);
      progress.step(1, 'a.json');
      progress.finish();
      expect(io.err).toEqual([]);
    }
  });
});
