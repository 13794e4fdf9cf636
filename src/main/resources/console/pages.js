// Every page of the console: its address (after "#/"), its title, its place in the navigation and its
// module, loaded when first opened.
export const PAGES = [
  { id: 'overview', title: 'Overview', group: 'Monitor', load: () => import('./pages/overview.js') },
  { id: 'requests', title: 'Request log', group: 'Monitor', load: () => import('./pages/requests.js') },
  { id: 'live', title: 'Live requests', group: 'Monitor', load: () => import('./pages/live.js') },
  { id: 'server-log', title: 'Server log', group: 'Monitor', load: () => import('./pages/server-log.js') },
  { id: 'providers', title: 'Providers & keys', group: 'Pool', load: () => import('./pages/providers.js') },
  { id: 'provider-keys', title: 'Provider key', group: 'Pool', hidden: true, load: () => import('./pages/provider-key.js') },
  { id: 'models', title: 'Models', group: 'Pool', load: () => import('./pages/models.js') },
  { id: 'prices', title: 'Prices', group: 'Pool', load: () => import('./pages/prices.js') },
  { id: 'model-limits', title: 'Model limits', group: 'Pool', load: () => import('./pages/model-limits.js') },
  { id: 'gateway-keys', title: 'Gateway keys', group: 'Access', load: () => import('./pages/gateway-keys.js') },
  { id: 'users', title: 'Users', group: 'Access', load: () => import('./pages/users.js') },
  { id: 'orgs', title: 'Orgs', group: 'Access', load: () => import('./pages/orgs.js') },
  { id: 'settings', title: 'Settings', group: 'Admin', load: () => import('./pages/settings.js') },
  { id: 'admins', title: 'Admin users', group: 'Admin', load: () => import('./pages/admins.js') },
  { id: 'account', title: 'My account', group: 'Admin', load: () => import('./pages/account.js') },
  { id: 'alerts', title: 'Alerts', group: 'Admin', load: () => import('./pages/alerts.js') },
];

export const pageById = (id) => PAGES.find((p) => p.id === id);
