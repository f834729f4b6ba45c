// apexcharts 7.9 ships no typings for its side-effect entry points (they only register a feature).
declare module 'apexcharts/features/legend';
