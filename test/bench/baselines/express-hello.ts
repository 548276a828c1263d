/** The baseline every route is compared with: a bare Express app answering `res.json`. */
import express from 'express';

const app = express();
app.disable('x-powered-by');
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.listen(Number(process.env.PORT), '127.0.0.1');
