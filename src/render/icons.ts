/** Inline SVG icons (our own simple shapes); the page fetches none. */
const svg = (body: string): string =>
  `<svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">${body}</svg>`;

export const ICONS: Record<string, string> = {
  github: svg('<path fill="currentColor" d="M12 .5a11.5 11.5 0 0 0-3.64 22.41c.58.1.79-.25.79-.56v-2c-3.2.7-3.88-1.36-3.88-1.36-.52-1.33-1.28-1.69-1.28-1.69-1.05-.71.08-.7.08-.7 1.16.08 1.77 1.19 1.77 1.19 1.03 1.77 2.7 1.26 3.36.96.1-.75.4-1.26.73-1.55-2.56-.29-5.25-1.28-5.25-5.69 0-1.26.45-2.28 1.19-3.09-.12-.29-.52-1.46.11-3.05 0 0 .97-.31 3.17 1.18a11 11 0 0 1 5.77 0c2.2-1.49 3.17-1.18 3.17-1.18.63 1.59.23 2.76.11 3.05.74.81 1.19 1.83 1.19 3.09 0 4.42-2.7 5.39-5.27 5.68.41.36.78 1.06.78 2.14v3.17c0 .31.21.67.8.56A11.5 11.5 0 0 0 12 .5z"/>'),
  scholar: svg('<path fill="currentColor" d="M12 2 1 9l11 7 9-5.73V17h2V9L12 2zm-6 11.2V17c0 1.66 2.69 3 6 3s6-1.34 6-3v-3.8l-6 3.82-6-3.82z"/>'),
  email: svg('<path fill="currentColor" d="M2 5h20v14H2V5zm2 2v.4l8 5.1 8-5.1V7H4zm16 2.77-8 5.1-8-5.1V17h16V9.77z"/>'),
  orcid: svg('<circle cx="12" cy="12" r="10" fill="currentColor"/><path fill="#fff" d="M8 7h1.6v10H8zM11 7h3a5 5 0 0 1 0 10h-3V7zm1.6 1.5v7h1.3a3.5 3.5 0 0 0 0-7h-1.3z"/>'),
  twitter: svg('<path fill="currentColor" d="M3 3h4.5l4.2 5.8L16.8 3H20l-6.7 7.7L21 21h-4.5l-4.6-6.3L6.3 21H3l7.3-8.3L3 3z"/>'),
  linkedin: svg('<path fill="currentColor" d="M3 3h18v18H3V3zm4 7v7h2v-7H7zm1-3.2a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4zM11 10v7h2v-3.6c0-1 .5-1.7 1.4-1.7.9 0 1.3.6 1.3 1.7V17h2v-4c0-2-1-3.1-2.7-3.1-.9 0-1.6.4-2 1V10h-2z"/>'),
  home: svg('<path fill="currentColor" d="M12 3 2 12h3v9h6v-6h2v6h6v-9h3L12 3z"/>'),
  group: svg('<path fill="currentColor" d="M8 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM1 20c0-3.3 3.1-6 7-6s7 2.7 7 6H1zm15.5 0c0-2-.8-3.8-2.2-5.1.5-.1 1.1-.2 1.7-.2 3.3 0 6 2.3 6 5.3H16.5z"/>'),
  cv: svg('<path fill="currentColor" d="M6 2h9l5 5v15H6V2zm8 1.5V8h4.5L14 3.5zM8 12v1.5h8V12H8zm0 3v1.5h8V15H8zm0 3v1.5h5V18H8z"/>'),
  link: svg('<path fill="currentColor" d="M10.6 13.4a1 1 0 0 1 0-1.4l3.5-3.5a1 1 0 1 1 1.4 1.4l-3.5 3.5a1 1 0 0 1-1.4 0zM7 17a3 3 0 0 1 0-4.2l2.1-2.1 1.4 1.4-2.1 2.1a1 1 0 0 0 1.4 1.4l2.1-2.1 1.4 1.4-2.1 2.1A3 3 0 0 1 7 17zm6.5-9.6 2.1-2.1A3 3 0 0 1 19.8 9.5l-2.1 2.1-1.4-1.4 2.1-2.1a1 1 0 0 0-1.4-1.4l-2.1 2.1-1.4-1.4z"/>'),
  star: svg('<path fill="currentColor" d="m12 2.5 2.9 6 6.6.9-4.8 4.6 1.2 6.5L12 17.4l-5.9 3.1 1.2-6.5L2.5 9.4l6.6-.9L12 2.5z"/>'),
};
