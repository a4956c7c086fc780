// The boot's bundle entry (scripts/first-screen.ts builds it into index.html, with its configuration).
import { boot } from './boot';

declare const __BOOT_CONFIG__: Parameters<typeof boot>[0];
boot(__BOOT_CONFIG__);
