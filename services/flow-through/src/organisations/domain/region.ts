/** A region of Flanders as managers and the dashboard name it ("Kempen"), under a stable id. */
export interface Region {
  id: string;
  name: string;
}
