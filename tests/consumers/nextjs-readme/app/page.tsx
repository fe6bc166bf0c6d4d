export default function Home() {
  return <h1>Forum</h1>;
}
