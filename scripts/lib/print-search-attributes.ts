/** Prints the project's search attributes as `Name=Type` lines for the shell scripts. */
import { SEARCH_ATTRIBUTE_TYPES } from '../../domain/search-attributes.js';

for (const [name, type] of Object.entries(SEARCH_ATTRIBUTE_TYPES)) {
  process.stdout.write(`${name}=${type}\n`);
}
