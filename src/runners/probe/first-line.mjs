// Shared by the probe child scripts: an error message in one line for the reason impacted prints.

/** The first line of the message, with the next one when it only introduces it (`Build failed with 1 error:`). */
export function firstLine(message) {
  const lines = message.split('\n').map((line) => line.trim()).filter(Boolean);
  const [first = '', second] = lines;
  return first.endsWith(':') && second !== undefined ? `${first} ${second}` : first;
}
