import { sendMouse } from '@web/test-runner-commands';

/** A click with user activation (pop-ups are allowed only after one), at the element's centre. */
export async function realClick(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}
