/*
 * A department's name becomes its PDF's file name (out/<年度>/<名称>.pdf), and finance bureaus run
 * Windows and macOS as well as Linux. What a name must not be there is decided here, once: the
 * schema refuses what cannot be made safe without changing the name's meaning (a device name, a
 * leading or trailing dot), and the write stage replaces the characters no file name may hold,
 * saying so. Pure: no file system.
 */

/** Characters Windows refuses in a file name (`/` nowhere), and control characters. */
// eslint-disable-next-line no-control-regex
const RESERVED = /[\\/:*?"<>|\u0000-\u001f]/g;

/** Names Windows keeps for devices, in any case, with or without an extension: CON, con.pdf, NUL.局. */
const DEVICE = /^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])\s*(\..*)?$/i;

/** Why `name` cannot be a file name on every system a bureau runs, in words; undefined when it can. */
export function fileNameProblem(name: string): string | undefined {
  const device = DEVICE.exec(name);
  if (device) return `部门名称用作 PDF 文件名，“${device[1]}”是 Windows 保留的设备名，以它为名的文件在 Windows 上不能保存或打开：请写部门的全称`;
  if (name.startsWith('.')) return '部门名称用作 PDF 文件名，不能以“.”开头：这样的文件在 macOS 和 Linux 上是隐藏文件，看不到';
  if (name.endsWith('.')) return '部门名称用作 PDF 文件名，不能以“.”结尾：Windows 会去掉末尾的点，文件名就和部门名称不同了';
  return undefined;
}

/**
 * The file name part for a department name: the characters no file name may hold become “_”,
 * and the name is in the composed Unicode form (macOS keeps names decomposed: the same name in
 * two forms would be two files elsewhere and one there). `replaced` lists what was replaced.
 */
export function safeFileName(name: string): { name: string; replaced: string[] } {
  const replaced = new Set<string>();
  const safe = name.normalize('NFC').replace(RESERVED, (c) => {
    replaced.add(c);
    return '_';
  });
  return { name: safe, replaced: [...replaced] };
}

/**
 * Two outputs are one file on Windows and macOS when their paths differ only in case or in
 * Unicode form: the key to compare them by.
 */
export function collisionKey(file: string): string {
  return file.normalize('NFC').toLowerCase();
}

/** A character for a message: printable as is, a control character by its code. */
export function shownChar(c: string): string {
  const code = c.codePointAt(0)!;
  return code < 0x20 ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : c;
}
