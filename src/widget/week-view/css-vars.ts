import { nothing } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * Sets custom properties through the CSSOM (`style.setProperty`), never a `style` attribute, so the
 * element draws under a strict CSP without `'unsafe-inline'` styles.
 */
class CssVarsDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssVars() is an element directive');
  }

  render(vars: Record<string, string>): typeof nothing {
    void vars;
    return nothing;
  }

  override update(part: ElementPart, [vars]: [Record<string, string>]): typeof nothing {
    const { style } = part.element as HTMLElement;
    for (const [name, value] of Object.entries(vars)) style.setProperty(name, value);
    return nothing;
  }
}

export const cssVars = directive(CssVarsDirective);
