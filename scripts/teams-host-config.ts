/**
 * An Adaptive Cards host config close to Microsoft Teams' light theme (colours, spacing, text
 * sizes), used to render card pictures for the README.
 */
export const teamsLightHostConfig = {
  fontFamily: "'Segoe UI', 'DejaVu Sans', sans-serif",
  supportsInteractivity: true,
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: "#E0E0E0" },
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 200, default: 400, bolder: 600 },
  imageSizes: { small: 32, medium: 52, large: 100 },
  containerStyles: {
    default: {
      backgroundColor: "#FFFFFF",
      foregroundColors: {
        default: { default: "#242424", subtle: "#616161" },
        accent: { default: "#5B5FC7", subtle: "#5B5FC7" },
        good: { default: "#0E700E", subtle: "#0E700E" },
        warning: { default: "#835B00", subtle: "#835B00" },
        attention: { default: "#C4314B", subtle: "#C4314B" },
        light: { default: "#FFFFFF", subtle: "#FFFFFF" },
        dark: { default: "#242424", subtle: "#424242" },
      },
    },
    emphasis: { backgroundColor: "#F5F5F5", foregroundColors: { default: { default: "#242424", subtle: "#616161" } } },
    good: { backgroundColor: "#E7F2DA", foregroundColors: { default: { default: "#242424", subtle: "#616161" } } },
    attention: { backgroundColor: "#FCF4F6", foregroundColors: { default: { default: "#242424", subtle: "#616161" }, attention: { default: "#C4314B", subtle: "#C4314B" } } },
    warning: { backgroundColor: "#FBF6D9", foregroundColors: { default: { default: "#242424", subtle: "#616161" } } },
  },
  actions: {
    maxActions: 6,
    spacing: "default",
    buttonSpacing: 8,
    showCard: { actionMode: "inline", inlineTopMargin: 8 },
    actionsOrientation: "horizontal",
    actionAlignment: "left",
  },
  adaptiveCard: { allowCustomStyle: true },
  inputs: { label: { requiredInputs: { suffix: " *", suffixColor: "attention" }, optionalInputs: {} }, errorMessage: { size: "small", color: "attention" } },
  factSet: { title: { weight: "bolder", size: "default", wrap: true, maxWidth: 150 }, value: { wrap: true }, spacing: 8 },
};
