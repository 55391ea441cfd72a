// Word pools for generated post-mortems. Public text never contains a redact term
// (hostnames, addresses, people, customers): those appear only in internal content, so a
// correct publish has real filtering to do and never fails closed on a generated file.

export const SERVICES = [
  'api',
  'dashboard',
  'billing',
  'auth',
  'search',
  'checkout',
  'exports',
  'webhooks',
  'mobile-app',
  'notifications',
  'reports',
  'storage',
  'cdn',
  'scheduler',
  'ingest',
];

export const SYMPTOMS = [
  ['API returning errors', 'the API returned errors for most requests'],
  ['Dashboard unavailable', 'the dashboard did not load for most customers'],
  ['Checkout failing', 'checkout failed for a share of purchases'],
  ['Logins failing', 'customers could not log in'],
  ['Search results stale', 'search showed results that were hours old'],
  ['Webhooks delayed', 'webhook deliveries were delayed'],
  ['Exports missing', 'scheduled exports did not arrive on time'],
  ['Notifications not sent', 'email and push notifications were not sent'],
  ['Slow page loads', 'pages took many seconds to load'],
  ['File uploads failing', 'file uploads failed or timed out'],
  ['Billing run delayed', 'the monthly billing run was delayed'],
  ['Mobile app sync failing', 'the mobile app could not sync'],
];

export const CAUSES = [
  'a database migration locked a hot table for longer than expected',
  'a configuration change disabled the connection pool limit',
  'an expired TLS certificate on an internal load balancer',
  'a memory leak in a background worker',
  'a cache stampede after a cache cluster restart',
  'a queue consumer that stopped acknowledging messages',
  'a dependency upgrade that changed a default timeout',
  'disk space exhaustion on a primary database volume',
  'a retry loop that multiplied traffic to a struggling service',
  'a DNS change that pointed a service at a retired address',
  'a feature flag rolled out to every customer at once',
  'a cloud provider network partition in one zone',
];

export const TRIGGERS = [
  'A routine deploy at the start of the business day.',
  'A scheduled batch job that ran larger than usual.',
  'A traffic spike after a marketing email went out.',
  'An automated certificate renewal that did not complete.',
  'A failover that moved traffic to a cold replica.',
  'A change to an alerting threshold made the week before.',
];

export const FACTORS = [
  'The runbook for this failure was out of date.',
  'Alerts fired on symptoms but not on the cause.',
  'The change was not behind a feature flag.',
  'Staging did not have production-sized data.',
  'Only one person knew how to perform the recovery.',
  'The dashboard that would have shown the problem was not linked from the alert.',
  'Retries had no backoff and no limit.',
  'The rollback took longer than the deploy.',
  'Capacity planning had not been revisited this year.',
  'The on-call rotation had a gap during a public holiday.',
];

export const PUBLIC_EVENTS = [
  'Error rates rose above the alerting threshold',
  'Monitoring paged the on-call engineer',
  'The on-call engineer acknowledged the page',
  'We posted an update on the status page',
  'We identified the change that started the errors',
  'We began rolling back the change',
  'The rollback completed and error rates started to fall',
  'We confirmed that new requests were succeeding',
  'We started processing the backlog of delayed work',
  'The backlog was fully processed',
  'We updated the status page to monitoring',
  'All checks were green; we declared the incident resolved',
  'We emailed affected customers with what happened',
  'Latency returned to normal levels',
  'We scaled the worker pool to clear the queue',
  'We paused scheduled jobs to reduce load',
  'We resumed scheduled jobs',
  'We confirmed no data had been lost',
  'Support shared the status page link with customers who wrote in',
  'We added temporary capacity in a second region',
];

export const INTERNAL_EVENTS = [
  'Paged the database team; {person} joined the call',
  'Restarted the worker on {host}',
  'Found connection errors to {ip} in the load balancer logs',
  '{person} started the failover runbook',
  'Support escalated a ticket from {customer}',
  'Drained traffic away from {host}',
  'Opened a ticket with the cloud provider',
  '{person} took over as incident commander',
  'Captured a heap dump from {host} for later analysis',
  'Account team called {customer} to explain the delay',
];

export const PEOPLE = [
  'Carmen Ruiz',
  'Daniel Okafor',
  'Mei Tanaka',
  'Lars Eriksen',
  'Aisha Khan',
  'Tomás Silva',
  'Grace Liu',
  'Noah Fischer',
  'Amara Nwosu',
  'Ivan Petrov',
];
export const CUSTOMERS = [
  'Acme Corp',
  'Globex',
  'Initech',
  'Umbrella Health',
  'Stark Logistics',
  'Wayne Retail',
  'Hooli',
  'Vandelay Imports',
];
export const HOST_ROLES = [
  'db-prod',
  'app-prod',
  'worker-prod',
  'cache-prod',
  'lb-prod',
  'queue-prod',
];

export const ACTIONS = [
  ['Add an alert on the underlying cause, not only on error rates', 'detect'],
  ['Page a second on-call engineer after ten minutes', 'process'],
  ['Put the change behind a feature flag with a gradual rollout', 'prevent'],
  ['Bring staging data up to production size for migrations', 'prevent'],
  ['Add exponential backoff and a retry limit to the client', 'mitigate'],
  ['Write and rehearse the recovery runbook', 'process'],
  ['Automate certificate renewal checks', 'prevent'],
  ['Link the service dashboard from every alert', 'detect'],
  ['Make the rollback a single command', 'mitigate'],
  ['Review capacity for the next two quarters', 'prevent'],
  ['Add a canary stage to the deploy pipeline', 'prevent'],
  ['Run a game day for this failure mode', 'process'],
  ['Set a memory limit and automatic restart on workers', 'mitigate'],
  ['Add a synthetic check for the login flow', 'detect'],
];

export const OWNERS = [
  'ops',
  'platform',
  'database',
  'payments',
  'frontend',
  'sre',
  'support',
  'security',
];

export const WENT_WELL = [
  'Monitoring detected the problem within minutes.',
  'The status page was updated early and often.',
  'The rollback worked the first time.',
  'Support had a clear message to send to customers.',
  'The incident channel stayed focused and calm.',
];

export const WENT_WRONG = [
  'It took too long to find the change that caused it.',
  'The first alert went to a channel nobody was watching.',
  'The runbook assumed a setup we no longer have.',
  'Customers heard about it from each other before they heard from us.',
  'We had no way to roll back only part of the change.',
];

export const LUCKY = [
  'It happened outside peak hours for most customers.',
  'An engineer who knew the system well happened to be online.',
  'The backlog fit in the queue without dropping messages.',
];

export const ZONES = [
  ['UTC', '+00:00', 0],
  ['Asia/Tokyo', '+09:00', 540],
  ['Asia/Kolkata', '+05:30', 330],
  ['Asia/Singapore', '+08:00', 480],
  ['America/Phoenix', '-07:00', -420],
  ['Africa/Johannesburg', '+02:00', 120],
];

export const AUTHORS = [
  'Sam Rivera <sam@example.com>',
  'Priya Natarajan <priya@example.com>',
  'Jordan Blake <jordan@example.com>',
  'Alex Moreau <alex@example.com>',
  'Kim Park <kim@example.com>',
  'Riley Chen <riley@example.com>',
];
