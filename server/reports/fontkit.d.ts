/** The part of fontkit (React-PDF's own font engine) that measures text for ./pdf-text.ts. */
declare module 'fontkit' {
  export interface Font {
    unitsPerEm: number;
    /** Shapes a string as React-PDF does (kerning included); advanceWidth is in font units. */
    layout(text: string): { advanceWidth: number };
  }
  export function create(buffer: Buffer): Font;
}
