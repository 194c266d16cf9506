// Stands in for NutUI's lottie dependencies, which tests never render.
const noop = () => null
export default noop
export const create = noop
export const loadAnimation = noop
