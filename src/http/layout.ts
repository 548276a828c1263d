import type { RequestHandler, Response } from 'express';

type RenderCallback = (error: Error | null, html?: string) => void;

/**
 * Renders every view inside `views/layout.ejs` (as `body`), unless the view's locals say
 * `layout: false`. Routes keep calling `res.render(view, locals)` as usual.
 */
export const useLayout: RequestHandler = (req, res, next) => {
  const render = res.render.bind(res) as (
    view: string,
    locals: object,
    callback: RenderCallback,
  ) => void;
  res.render = ((
    view: string,
    localsOrCallback?: object | RenderCallback,
    maybeCallback?: RenderCallback,
  ) => {
    const locals = typeof localsOrCallback === 'object' ? localsOrCallback : {};
    const callback =
      typeof localsOrCallback === 'function' ? (localsOrCallback as RenderCallback) : maybeCallback;
    const finish: RenderCallback =
      callback ?? ((error, html) => (error ? req.next?.(error) : res.send(html)));
    if ((locals as { layout?: boolean }).layout === false) return render(view, locals, finish);
    render(view, locals, (error, body) => {
      if (error) return finish(error);
      render('layout', { ...locals, body }, finish);
    });
  }) as Response['render'];
  next();
};
