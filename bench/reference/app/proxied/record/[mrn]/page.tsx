export { default } from "../../../record-page";
