/**
 * The job description `npm run seed:demo` builds its assessment from: a back-end web developer
 * posting whose skill lines map onto the banks shipped in `questions/` (check with
 * `npm run jd:match -- <file>` after changing it).
 */
export const DEMO_JOB_DESCRIPTION = `Back-End Web Developer (Node.js / TypeScript)

Harbour & Pine is a small company that builds booking and billing software for independent
guesthouses across Europe. About 900 properties run their front desk on our web app every day.
We are a team of eleven, six of them engineers, working remotely within two hours of CET.

The role

You will join the platform team of three and own a large part of the server side: the API the
booking calendar talks to, the billing jobs that run every night, and the PostgreSQL database
underneath both. We deploy several times a day and we review every change together.

What you will do

- Build and maintain our REST API and server-rendered admin pages in Node.js and TypeScript
- Design database schemas and write safe migrations for new features in PostgreSQL
- Keep guests' personal data safe and help us meet our GDPR obligations
- Write automated tests for the code you ship and keep our CI pipeline fast
- Take part in the on-call rotation, restore drills and backups of our production databases

What we are looking for

- Three or more years of back-end development with Node.js and TypeScript
- Solid understanding of the OWASP Top 10 and how to prevent injection, XSS and CSRF
- Experience with user authentication and authorization, OAuth 2.0 and role-based access control
- Session management with cookies and a shared session store behind a load balancer
- Relational database design: normalization, keys, constraints and indexes
- Writing unit and integration tests, and test-driven development
- Fluency with Git: branching, rebasing, pull requests and code review
- Setting up and testing backups with point-in-time recovery

Nice to have

- Awareness of web accessibility standards (WCAG 2.2) and semantic HTML
- Performance tuning: profiling, query plans and caching
- Exporting data as CSV, JSON and XML for our partners

What we offer

A salary between 55,000 and 70,000 EUR, 28 days of holiday, a yearly learning budget of
1,500 EUR, and a week together in Lisbon every spring. Send us a short note about something you
built that you are proud of; no cover letter needed.
`;
