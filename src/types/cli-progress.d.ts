// The slice of cli-progress 3 gongkai uses (a single bar on a terminal); the package ships no types.
declare module 'cli-progress' {
  export interface Preset {
    barCompleteChar: string;
    barIncompleteChar: string;
    format: string;
  }
  export interface Options {
    format?: string;
    stream?: NodeJS.WritableStream;
    barsize?: number;
    hideCursor?: boolean | null;
    clearOnComplete?: boolean;
    stopOnComplete?: boolean;
    etaBuffer?: number;
    etaAsynchronousUpdate?: boolean;
    fps?: number;
    noTTYOutput?: boolean;
    gracefulExit?: boolean;
    barCompleteChar?: string;
    barIncompleteChar?: string;
  }
  export class SingleBar {
    constructor(options: Options, preset?: Preset);
    start(total: number, startValue: number, payload?: Record<string, unknown>): void;
    update(current: number, payload?: Record<string, unknown>): void;
    increment(step?: number, payload?: Record<string, unknown>): void;
    setTotal(total: number): void;
    stop(): void;
  }
  export const Presets: { legacy: Preset; shades_classic: Preset; shades_grey: Preset; rect: Preset };
  const cliProgress: { SingleBar: typeof SingleBar; Presets: typeof Presets };
  export default cliProgress;
}
