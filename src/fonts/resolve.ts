import type { FontFile, RoleName, RoleSpec } from '../load/fonts.js';

export interface ResolvedRole {
  role: RoleName;
  spec: RoleSpec;
  file?: FontFile;
}

function familyOf(f: FontFile): string[] {
  return [f.typographicFamily, f.family].filter((x): x is string => !!x).map((s) => s.toLowerCase());
}

/**
 * Picks, for each role, the font whose family matches and whose weight is nearest (CSS-like:
 * exact first, then the closest). Candidates come in search order, so a font a department drops
 * into fonts/ wins over the packaged Noto fonts.
 */
export function resolveRoles(roles: Record<RoleName, RoleSpec>, candidates: FontFile[], fontsDir: string): ResolvedRole[] {
  return (Object.keys(roles) as RoleName[]).map((role) => {
    const spec = roles[role];
    if (spec.file) {
      const wanted = spec.file.startsWith('/') ? spec.file : `${fontsDir}/${spec.file}`;
      const hit = candidates.find((c) => c.path === wanted);
      return hit ? { role, spec, file: hit } : { role, spec };
    }
    const fam = spec.family.toLowerCase();
    const same = candidates.filter((c) => !c.italic && familyOf(c).includes(fam));
    let best: FontFile | undefined;
    for (const c of same) {
      if (!best || Math.abs(c.weight - spec.weight) < Math.abs(best.weight - spec.weight)) best = c;
    }
    return best ? { role, spec, file: best } : { role, spec };
  });
}
