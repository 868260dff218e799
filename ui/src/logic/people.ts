// The names of the directory's people, for the name pickers of the 整改组织 forms.
import { ref } from "vue";
import * as api from "../api";
import { toast } from "../errors";

/** A list filled once from the directory (names not in it can still be typed). */
export function usePeople() {
  const people = ref<string[]>([]);
  api
    .listDirectory("person")
    .then((all) => (people.value = all.map((p) => p.name)))
    .catch(toast);
  return people;
}
